using System.Globalization;
using System.Text;

namespace Tailor.Tests.Arm;

/// <summary>Parses ARM template language expressions: literals, calls, <c>.property</c> and <c>[index]</c>.</summary>
public sealed class ArmExpressionParser
{
    private readonly string _text;
    private int _position;

    private ArmExpressionParser(string text) => _text = text;

    public static ArmExpression Parse(string text)
    {
        var parser = new ArmExpressionParser(text);
        var expression = parser.ParseExpression();
        parser.SkipWhitespace();
        if (parser._position != text.Length)
        {
            throw parser.Error("end of expression");
        }

        return expression;
    }

    private ArmExpression ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('.'))
            {
                expression = new ArmProperty(expression, ReadIdentifier());
            }
            else if (TryConsume('['))
            {
                var index = ParseExpression();
                Expect(']');
                expression = new ArmIndex(expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression ParsePrimary()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("a value");
        }

        var c = _text[_position];
        if (c == '\'')
        {
            return new ArmLiteral(ReadString());
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            return new ArmLiteral(ReadInteger());
        }

        var name = ReadIdentifier();
        SkipWhitespace();
        Expect('(');
        var arguments = new List<ArmExpression>();
        SkipWhitespace();
        if (!TryConsume(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
            }
            while (TryConsume(','));

            Expect(')');
        }

        return new ArmCall(name, arguments);
    }

    private string ReadString()
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("closing quote");
            }

            var c = _text[_position++];
            if (c != '\'')
            {
                builder.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == '\'')
            {
                builder.Append('\'');
                _position++;
            }
            else
            {
                return builder.ToString();
            }
        }
    }

    private long ReadInteger()
    {
        var start = _position;
        _position++;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        return long.Parse(_text.AsSpan(start, _position - start), CultureInfo.InvariantCulture);
    }

    private string ReadIdentifier()
    {
        SkipWhitespace();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("an identifier");
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        SkipWhitespace();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error($"'{c}'");
        }
    }

    private FormatException Error(string expected) =>
        new($"Expected {expected} at position {_position} of ARM expression: {_text}");
}
