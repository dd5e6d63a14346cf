// An Azure Monitor workbook over the app's Application Insights: ingestion, training runs, serving latency
// (p50/p99 per route), answers per strategy, online click-through per version and variant, and the versions
// serving. It reads what Tailor's meters and activity sources export
// (core/Serving/ServingTelemetry.cs, core/Ingestion/IngestionTelemetry.cs, core/Pipeline/TrainingTelemetry.cs, core/Feedback/FeedbackTelemetry.cs):
// metrics land in customMetrics, spans in dependencies, both with their tags in customDimensions.

@description('Name of the Application Insights component the workbook queries.')
param applicationInsightsName string

@description('Azure region of the workbook.')
param location string

@description('Tags applied to the workbook.')
param tags object

@description('Display name of the workbook.')
param displayName string = 'Tailor'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var charts = [
  {
    title: 'Events ingested per outcome'
    visualization: 'timechart'
    query: 'customMetrics | where name == "tailor.ingestion.events" | summarize events = sum(valueSum) by outcome = tostring(customDimensions["tailor.outcome"]), bin(timestamp, 1h)'
  }
  {
    title: 'Batches per state'
    visualization: 'barchart'
    query: 'customMetrics | where name == "tailor.ingestion.batches" | summarize batches = sum(valueSum) by state = tostring(customDimensions["tailor.batch.status"]), bin(timestamp, 1h)'
  }
  {
    title: 'Training stages: runs and mean duration (ms)'
    visualization: 'table'
    query: 'dependencies | where isnotempty(customDimensions["tailor.stage"]) | summarize runs = count(), meanMs = avg(duration), p99Ms = percentile(duration, 99) by stage = tostring(customDimensions["tailor.stage"]), outcome = tostring(customDimensions["tailor.outcome"])'
  }
  {
    title: 'Recommendation latency p50 / p99 (ms) per route'
    visualization: 'timechart'
    query: 'dependencies | where name == "recommend" | summarize p50 = percentile(duration, 50), p99 = percentile(duration, 99) by route = tostring(customDimensions["tailor.route"]), bin(timestamp, 5m)'
  }
  {
    title: 'Answers per strategy'
    visualization: 'piechart'
    query: 'customMetrics | where name == "tailor.serving.answers" | summarize answers = sum(valueSum) by strategy = tostring(customDimensions["tailor.strategy"])'
  }
  {
    title: 'Online click-through per model version and variant'
    visualization: 'timechart'
    query: 'customMetrics | where name == "tailor.feedback.online.click_through" | summarize clickThrough = avg(value) by series = strcat(tostring(customDimensions["tailor.model.version"]), " ", tostring(customDimensions["tailor.variant"])), bin(timestamp, 1h)'
  }
  {
    title: 'Serving model version per variant'
    visualization: 'table'
    query: 'customMetrics | where name == "tailor.serving.model.version" | summarize lastSeen = max(timestamp), instances = dcount(cloud_RoleInstance) by version = tostring(customDimensions["tailor.model.version"]), variant = tostring(customDimensions["tailor.variant"])'
  }
]

var workbook = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 1
        name: 'title'
        content: {
          json: '# Tailor\nIngestion, training runs, serving latency, strategies and online click-through.'
        }
      }
    ],
    map(range(0, length(charts)), i => {
      type: 3
      name: 'chart-${i}'
      content: {
        version: 'KqlItem/1.0'
        title: charts[i].title
        query: charts[i].query
        size: 0
        timeContext: {
          durationMs: 86400000
        }
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: charts[i].visualization
      }
    })
  )
  fallbackResourceIds: [
    appInsights.id
  ]
  '$schema': 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json'
}

// A workbook's name must be a GUID: derived from the component, so a re-deployment updates the same one.
resource tailorWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(appInsights.id, 'tailor-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: string(workbook)
  }
}

@description('Resource id of the workbook.')
output id string = tailorWorkbook.id
