import BatonStore
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolons() {
        #expect(SQLScript.statements("SELECT 1; SELECT 2;") == ["SELECT 1", "SELECT 2"])
    }

    @Test func lastStatementNeedsNoSemicolon() {
        #expect(SQLScript.statements("SELECT 1;\nSELECT 2\n") == ["SELECT 1", "SELECT 2"])
    }

    @Test func trimsWhitespaceAroundStatements() {
        #expect(
            SQLScript.statements("\n\n  CREATE TABLE t (a int)\n;\n\n\tINSERT INTO t VALUES (1)  ;  \n")
                == ["CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)"])
    }

    @Test func emptyScripts() {
        #expect(SQLScript.statements("").isEmpty)
        #expect(SQLScript.statements("  \n\t ").isEmpty)
        #expect(SQLScript.statements(";;\n ; ").isEmpty)
    }

    @Test func semicolonInStringLiteral() {
        #expect(
            SQLScript.statements("INSERT INTO t VALUES ('a;b'); SELECT 2")
                == ["INSERT INTO t VALUES ('a;b')", "SELECT 2"])
    }

    @Test func doubledQuoteInStringLiteral() {
        let script = "INSERT INTO t VALUES ('it''s; fine', ''''); SELECT ';'';'"
        #expect(SQLScript.statements(script) == ["INSERT INTO t VALUES ('it''s; fine', '''')", "SELECT ';'';'"])
    }

    @Test func emptyStringLiteral() {
        #expect(SQLScript.statements("SELECT ''; SELECT 2") == ["SELECT ''", "SELECT 2"])
    }

    @Test func escapeStringWithBackslash() {
        // In E'…' a backslash escapes the quote: the string is `a';b`.
        let script = #"SELECT E'a\';b'; SELECT 2"#
        #expect(SQLScript.statements(script) == [#"SELECT E'a\';b'"#, "SELECT 2"])
        let lower = #"SELECT e'\\'; SELECT 3"#
        #expect(SQLScript.statements(lower) == [#"SELECT e'\\'"#, "SELECT 3"])
    }

    @Test func backslashInStandardStringIsLiteral() {
        // With standard_conforming_strings, 'C:\' is a complete string.
        #expect(SQLScript.statements(#"SELECT 'C:\'; SELECT 2"#) == [#"SELECT 'C:\'"#, "SELECT 2"])
    }

    @Test func backslashInStandardStringAfterKeywordEndingInE() {
        // `LIKE'…'` is the keyword LIKE followed by a standard string, not an E'…' string:
        // PostgreSQL's lexer reads the identifier LIKE first, so 'C:\' ends at its second quote.
        #expect(
            SQLScript.statements(#"SELECT 1 WHERE 'x' LIKE'C:\'; SELECT 2"#)
                == [#"SELECT 1 WHERE 'x' LIKE'C:\'"#, "SELECT 2"])
    }

    @Test func escapedQuoteInsideARealEscapeString() {
        // `E` after `= ` stands alone: E'a\'b' is one escape string, so the next `;` splits.
        #expect(SQLScript.statements(#"x = E'a\'b'; SELECT 2"#) == [#"x = E'a\'b'"#, "SELECT 2"])
    }

    @Test func lowercaseEscapeStringHoldingOnlyAnEscapedQuote() {
        // e'\'' is the string `'`: backslash-quote, then the closing quote.
        #expect(SQLScript.statements(#"SELECT e'\''; SELECT 3"#) == [#"SELECT e'\''"#, "SELECT 3"])
        // The same right after a previous statement's semicolon, with no space.
        #expect(
            SQLScript.statements(#"SELECT 1;SELECT e'\''; SELECT 3"#) == ["SELECT 1", #"SELECT e'\''"#, "SELECT 3"])
    }

    @Test func escapeStringAtTheVeryStartOfTheScript() {
        // The `E` is the first character: nothing before it, so it is the escape-string prefix.
        #expect(SQLScript.statements(#"E'\';x'; SELECT 2"#) == [#"E'\';x'"#, "SELECT 2"])
        #expect(SQLScript.statements(#"e'\''; SELECT 3"#) == [#"e'\''"#, "SELECT 3"])
    }

    @Test(arguments: ["(", ",", "=", "\n", "\t", "/* c */", "::text||", "\"q\""])
    func escapeStringAfterNonIdentifierCharacter(before: String) {
        // Only letters, digits, `_` and `$` make the `E` part of a longer word.
        let script = "SELECT \(before)E'a\\';b'; SELECT 2"
        #expect(SQLScript.statements(script) == ["SELECT \(before)E'a\\';b'", "SELECT 2"])
    }

    @Test(arguments: ["LIK", "x", "x_", "_", "t1", "a$", "café"])
    func eEndingAnIdentifierIsNotAnEscapePrefix(word: String) {
        // `\(word)E` is one identifier followed by a standard string, in which a backslash is literal.
        let script = #"SELECT \#(word)E'C:\'; SELECT 2"#
        #expect(SQLScript.statements(script) == [#"SELECT \#(word)E'C:\'"#, "SELECT 2"])
    }

    @Test func semicolonInQuotedIdentifier() {
        #expect(
            SQLScript.statements(#"CREATE TABLE "we;ird" (x int); SELECT "a"";b" FROM t"#)
                == [#"CREATE TABLE "we;ird" (x int)"#, #"SELECT "a"";b" FROM t"#])
    }

    @Test func apostropheInsideQuotedIdentifierDoesNotOpenAString() {
        #expect(
            SQLScript.statements(#"SELECT 1 AS "it's"; SELECT 2"#) == [#"SELECT 1 AS "it's""#, "SELECT 2"])
    }

    @Test func semicolonInLineComment() {
        let result = SQLScript.statements("SELECT 1; -- a comment; with semicolons\nSELECT 2;")
        #expect(result.count == 2)
        #expect(result.first == "SELECT 1")
        #expect(result.last?.hasSuffix("SELECT 2") == true)
        #expect(result.last?.contains("a comment; with semicolons") == true)
    }

    @Test func quoteInLineCommentIsIgnored() {
        let result = SQLScript.statements("SELECT 1; -- don't\nSELECT 2;")
        #expect(result.count == 2)
        #expect(result.last?.hasSuffix("SELECT 2") == true)
    }

    @Test func trailingCommentAfterStatement() {
        let result = SQLScript.statements("SELECT 1 -- one; two\n;SELECT 2")
        #expect(result.count == 2)
        #expect(result.first?.hasPrefix("SELECT 1") == true)
        #expect(result.last == "SELECT 2")
    }

    @Test func semicolonInBlockComment() {
        let result = SQLScript.statements("SELECT /* a; b */ 1; SELECT 2")
        #expect(result == ["SELECT /* a; b */ 1", "SELECT 2"])
    }

    @Test func nestedBlockComments() {
        let result = SQLScript.statements("/* outer /* inner; */ still; comment */ SELECT 1; SELECT 2")
        #expect(result.count == 2)
        #expect(result.first?.hasSuffix("SELECT 1") == true)
        #expect(result.first?.contains("still; comment") == true)
        #expect(result.last == "SELECT 2")
    }

    @Test func commentOnlyStatementsAreDropped() {
        let script = """
            -- header comment; with a semicolon
            ;
            /* block; comment */ ;
            SELECT 1;
            -- trailing comment
            /* and another */
            """
        let result = SQLScript.statements(script)
        #expect(result.count == 1)
        #expect(result.first?.hasSuffix("SELECT 1") == true)
        #expect(SQLScript.statements("-- only a comment").isEmpty)
        #expect(SQLScript.statements("/* only */ /* comments */;").isEmpty)
    }

    @Test func dollarQuotedBody() {
        let script = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;"
        #expect(
            SQLScript.statements(script)
                == ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"])
    }

    @Test func taggedDollarQuoteContainingPlainDollarQuote() {
        let script = """
            DO $body$
            BEGIN
                PERFORM 1;
                RAISE NOTICE $$x;y$$;
            END
            $body$;
            SELECT 3;
            """
        let result = SQLScript.statements(script)
        #expect(result.count == 2)
        #expect(result.first?.hasPrefix("DO $body$") == true)
        #expect(result.first?.hasSuffix("$body$") == true)
        #expect(result.first?.contains("RAISE NOTICE $$x;y$$;") == true)
        #expect(result.last == "SELECT 3")
    }

    @Test func differentTagDoesNotCloseDollarQuote() {
        let script = "SELECT $a$ x; $b$ y; $a$; SELECT 2"
        #expect(SQLScript.statements(script) == ["SELECT $a$ x; $b$ y; $a$", "SELECT 2"])
    }

    @Test func quotesInsideDollarQuoteAreIgnored() {
        let script = "SELECT $$ it's -- not /* a comment; $$; SELECT 2"
        #expect(SQLScript.statements(script) == ["SELECT $$ it's -- not /* a comment; $$", "SELECT 2"])
    }

    @Test func dollarQuoteInsideStringIsIgnored() {
        #expect(SQLScript.statements("SELECT '$$'; SELECT '$$'") == ["SELECT '$$'", "SELECT '$$'"])
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLScript.statements("SELECT $1, $2; SELECT 3") == ["SELECT $1, $2", "SELECT 3"])
        #expect(
            SQLScript.statements("PREPARE p AS SELECT $1::int + $12; EXECUTE p(1)")
                == ["PREPARE p AS SELECT $1::int + $12", "EXECUTE p(1)"])
    }

    @Test func dollarInsideIdentifierIsNotAQuote() {
        // `a$b$c` is one identifier; `$b$` is not a tag.
        #expect(SQLScript.statements("SELECT a$b$c FROM t; SELECT 2") == ["SELECT a$b$c FROM t", "SELECT 2"])
    }

    @Test func unterminatedStringRunsToTheEnd() {
        #expect(SQLScript.statements("SELECT 'abc; SELECT 2") == ["SELECT 'abc; SELECT 2"])
    }

    @Test func unterminatedDollarQuoteRunsToTheEnd() {
        #expect(SQLScript.statements("SELECT 1; SELECT $$ a; b") == ["SELECT 1", "SELECT $$ a; b"])
    }

    @Test func singleDashAndSlashAreOrdinaryCharacters() {
        #expect(SQLScript.statements("SELECT 4 - 1 / 2; SELECT -1") == ["SELECT 4 - 1 / 2", "SELECT -1"])
    }

    @Test func nonASCIIText() {
        #expect(SQLScript.statements("SELECT 'café;☕'; SELECT 'ü'") == ["SELECT 'café;☕'", "SELECT 'ü'"])
    }
}
