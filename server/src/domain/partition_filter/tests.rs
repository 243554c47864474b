use super::CompareOp::*;
use super::*;

fn p(s: &str) -> FilterExpr {
    parse_filter(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}
/// Each case: input, a piece of the expected message, expected position.
fn all_fail(cases: &[(&str, &str, usize)]) {
    for &(s, needle, pos) in cases {
        let e = parse_filter(s).expect_err(s);
        assert!(e.message.contains(needle) && e.position == pos, "{s:?}: got {e:?}, want {needle:?} at {pos}");
    }
}
fn num(s: &str) -> Literal {
    Literal::Number(s.into())
}
fn st(s: &str) -> Literal {
    Literal::String(s.into())
}
fn c(k: &str, op: CompareOp, v: Literal) -> FilterExpr {
    FilterExpr::Compare { key: k.into(), op, value: v }
}
fn and(a: FilterExpr, b: FilterExpr) -> FilterExpr {
    FilterExpr::And(Box::new(a), Box::new(b))
}
fn or(a: FilterExpr, b: FilterExpr) -> FilterExpr {
    FilterExpr::Or(Box::new(a), Box::new(b))
}
fn not(a: FilterExpr) -> FilterExpr {
    FilterExpr::Not(Box::new(a))
}
fn in_(k: &str, values: Vec<Literal>, negated: bool) -> FilterExpr {
    FilterExpr::In { key: k.into(), values, negated }
}
fn btw(k: &str, lo: &str, hi: &str, negated: bool) -> FilterExpr {
    FilterExpr::Between { key: k.into(), low: num(lo), high: num(hi), negated }
}
fn a1() -> FilterExpr {
    c("a", Eq, num("1"))
}
fn b2() -> FilterExpr {
    c("b", Eq, num("2"))
}
fn c3() -> FilterExpr {
    c("c", Eq, num("3"))
}

#[test]
fn every_operator_and_flipped_form() {
    let ops = [
        ("=", Eq, Eq),
        ("<>", NotEq, NotEq),
        ("!=", NotEq, NotEq),
        ("<", Lt, Gt),
        ("<=", LtEq, GtEq),
        (">", Gt, Lt),
        (">=", GtEq, LtEq),
    ];
    for (sym, op, flipped) in ops {
        assert_eq!(p(&format!("year {sym} 2024")), c("year", op, num("2024")));
        assert_eq!(p(&format!("year{sym}2024")), c("year", op, num("2024")));
        assert_eq!(p(&format!("2024 {sym} year")), c("year", flipped, num("2024")));
    }
    assert_eq!(p("'2024-01-01' <= dt"), c("dt", GtEq, st("2024-01-01")));
    assert_eq!(p("dt >= '2024-01-01'"), c("dt", GtEq, st("2024-01-01")));
    assert_eq!(p("a=-1"), c("a", Eq, num("-1")));
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(p("a=1 OR b=2 AND c=3"), or(a1(), and(b2(), c3())));
    assert_eq!(p("a=1 AND b=2 OR c=3"), or(and(a1(), b2()), c3()));
    assert_eq!(p("NOT a=1 AND b=2"), and(not(a1()), b2()));
    assert_eq!(p("NOT NOT a=1"), not(not(a1())));
    assert_eq!(p("(a=1 OR b=2) AND c=3"), and(or(a1(), b2()), c3()));
    assert_eq!(p("a=1 AND b=2 AND c=3"), and(and(a1(), b2()), c3()));
    assert_eq!(p("a=1 OR b=2 OR c=3"), or(or(a1(), b2()), c3()));
    assert_eq!(p("NOT (a=1 OR b=2)"), not(or(a1(), b2())));
    assert_eq!(p("((a=1))"), a1());
    let e = p("a=1 and b in (1) Or NOT c BeTwEeN 1 aNd 2 AND d = True");
    let rhs = and(not(btw("c", "1", "2", false)), c("d", Eq, Literal::Bool(true)));
    assert_eq!(e, or(and(a1(), in_("b", vec![num("1")], false)), rhs));
}

#[test]
fn in_and_between() {
    assert_eq!(p("month IN (5, 6)"), in_("month", vec![num("5"), num("6")], false));
    assert_eq!(p("r NOT IN ('eu','us', TRUE)"), in_("r", vec![st("eu"), st("us"), Literal::Bool(true)], true));
    assert_eq!(p("NOT r IN ('x')"), not(in_("r", vec![st("x")], false)));
    assert_eq!(p("day BETWEEN 1 AND 10"), btw("day", "1", "10", false));
    assert_eq!(p("day NOT BETWEEN 1 AND 10"), btw("day", "1", "10", true));
    // The first AND belongs to BETWEEN, the second one joins conditions.
    assert_eq!(p("day BETWEEN 1 AND 10 AND b = 2"), and(btw("day", "1", "10", false), b2()));
    let e = p("region <> 'eu' OR NOT (day BETWEEN 1 AND 10)");
    assert_eq!(e, or(c("region", NotEq, st("eu")), not(btw("day", "1", "10", false))));
}

#[test]
fn strings_numbers_booleans() {
    assert_eq!(p("a = 'it''s'"), c("a", Eq, st("it's")));
    assert_eq!(p("a = ''''"), c("a", Eq, st("'")));
    assert_eq!(p("a = ''"), c("a", Eq, st("")));
    assert_eq!(p("a = 'café 日本 \"x\" `y` (z)'"), c("a", Eq, st("café 日本 \"x\" `y` (z)")));
    for n in ["0", "-12", "3.5", "-0.25", "1e10", "-2.5E-3", "1e+5", "007", "12345678901234567890123"] {
        assert_eq!(p(&format!("a = {n}")), c("a", Eq, num(n)), "{n}");
    }
    assert_eq!(p("a = TRUE"), c("a", Eq, Literal::Bool(true)));
    assert_eq!(p("a <> false"), c("a", NotEq, Literal::Bool(false)));
    assert_eq!(p("true = flag"), c("flag", Eq, Literal::Bool(true)));
}

#[test]
fn keys_and_quoting() {
    assert_eq!(p("YEAR = 1"), c("year", Eq, num("1")));
    assert_eq!(p("`My Key` = 1"), c("My Key", Eq, num("1")));
    assert_eq!(p("`and` = 1"), c("and", Eq, num("1")));
    assert_eq!(p("`jahr_ü` = 1"), c("jahr_ü", Eq, num("1")));
    assert_eq!(p("_x9 = 1"), c("_x9", Eq, num("1")));
    let e = p("Year = 1 AND (month IN (1) OR year > 2) AND NOT d BETWEEN 1 AND 2 OR `M` = 1 OR 3 < Month");
    assert_eq!(e.keys(), vec!["year", "month", "d", "M"]);
}

#[test]
fn syntax_errors() {
    all_fail(&[
        ("", "empty filter expression", 0),
        ("  \n\t ", "empty filter expression", 0),
        ("a=1 b=2", "unexpected 'b' after a complete condition; expected AND, OR", 4),
        ("a=1 2", "unexpected number 2", 4),
        ("a=1 AND", "expected a partition key, found end of input", 7),
        ("AND a=1", "expected a partition key, found keyword AND", 0),
        ("in = 1", "found keyword IN (quote a key named like a keyword: `in`)", 0),
        ("= 1", "expected a partition key, found '='", 0),
        ("1 = 2", "expected a partition key after '=', found number 2", 4),
        ("'x' IN ('x')", "expected a comparison operator after the value", 4),
        ("a", "expected a comparison operator", 1),
        ("a LIKE 'x'", "expected a comparison operator (=, <>, !=, <, <=, >, >=), IN or BETWEEN after key 'a'", 2),
        ("a = 'abc", "unterminated string literal", 4),
        ("a = 'it''s", "unterminated string literal", 4),
        ("`abc = 1", "unterminated quoted key", 0),
        ("`` = 1", "empty quoted key", 0),
        ("a == 1", "unknown operator '=='", 2),
        ("a => 1", "unknown operator '=>'", 2),
        ("a ! 1", "unknown operator '!'", 2),
        ("a ~ 1", "unexpected character '~'", 2),
        ("a = \"x\"", "unexpected character '\"'", 4),
        ("a = 1.", "expected digits after the decimal point", 6),
        ("a = .5", "unexpected character '.'", 4),
        ("a = 1e", "expected digits in the exponent", 6),
        ("a = - 1", "expected a digit after '-'", 5),
        ("a = 12abc", "malformed number: unexpected 'a' after '12'", 6),
        ("a = 1.2.3", "malformed number", 7),
    ]);
}

#[test]
fn value_and_unsupported_errors() {
    all_fail(&[
        ("a =", "missing value after '='", 3),
        ("a = AND b = 1", "missing value after '=': expected a string, number, TRUE or FALSE, found keyword AND", 4),
        ("a = b", "comparing two partition keys is not supported", 4),
        ("a IS NULL", "IS NULL / IS NOT NULL is not supported", 2),
        ("a IS NOT NULL", "IS NULL / IS NOT NULL is not supported", 2),
        ("a = NULL", "NULL is not supported", 4),
        ("a IN (1, null)", "NULL is not supported", 9),
        ("lower(a) = 'x'", "function calls are not supported", 0),
        ("a NOT LIKE 'x'", "expected IN or BETWEEN after NOT, found 'LIKE'", 6),
        ("a IN 1", "expected '(' after IN, found number 1", 5),
        ("a IN ()", "IN list must contain at least one value", 6),
        ("a IN (1,)", "missing value in IN list", 8),
        ("a IN (1 2)", "expected ',' or ')' in IN list, found number 2", 8),
        ("a BETWEEN 1 OR 2", "expected AND between the BETWEEN bounds, found keyword OR", 12),
        ("a BETWEEN 1", "expected AND between the BETWEEN bounds, found end of input", 11),
        ("a BETWEEN 1 AND", "missing value after BETWEEN ... AND", 15),
        ("a BETWEEN x AND 2", "comparing two partition keys", 10),
        ("(a=1", "unbalanced parentheses: this '(' is never closed", 0),
        ("a=1)", "unbalanced parentheses: ')' has no matching '('", 3),
        ("(a=1))", "unbalanced parentheses: ')' has no matching '('", 5),
        (")", "unbalanced parentheses: unexpected ')'", 0),
        ("()", "unbalanced parentheses: unexpected ')'", 1),
        ("(a=1 b=2)", "expected ')', AND or OR, found 'b'", 5),
        ("a IN (1, 2", "IN list '(' is never closed", 5),
    ]);
}

#[test]
fn limits() {
    // Input size: exactly the maximum is fine, one byte more is not.
    let at_max = format!("a = '{}'", "x".repeat(MAX_INPUT_BYTES - 6));
    assert!(at_max.len() == MAX_INPUT_BYTES && parse_filter(&at_max).is_ok());
    let nested = |n: usize| format!("{}a=1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(p(&nested(MAX_DEPTH)), a1());
    assert!(parse_filter(&format!("{}a=1", "NOT ".repeat(MAX_DEPTH))).is_ok());
    let chain = |n: usize| vec!["a=1"; n].join(" OR ");
    assert_eq!(p(&chain(MAX_COMPARISONS)).keys(), vec!["a"]);
    let in_list = |n: usize| format!("a IN ({})", vec!["1"; n].join(","));
    assert!(matches!(p(&in_list(MAX_IN_VALUES)), FilterExpr::In { values, .. } if values.len() == MAX_IN_VALUES));
    all_fail(&[
        (&format!("{at_max} "), "too long", 0),
        (&"(".repeat(100_000), "too long", 0),
        (&nested(MAX_DEPTH + 1), "nested too deeply", MAX_DEPTH),
        (&"(".repeat(5_000), "nested too deeply", MAX_DEPTH),
        (&format!("{}a=1", "NOT ".repeat(MAX_DEPTH + 1)), "nested too deeply", 4 * MAX_DEPTH),
        (&"NOT ".repeat(2_400), "nested too deeply", 4 * MAX_DEPTH),
        (&chain(MAX_COMPARISONS + 1), "too many comparisons", 7 * MAX_COMPARISONS),
        (&in_list(MAX_IN_VALUES + 1), "too many values", 6 + 2 * MAX_IN_VALUES),
    ]);
}

#[test]
fn display_error_trait_and_non_ascii_positions() {
    let e: Box<dyn std::error::Error> = Box::new(parse_filter("a = ").unwrap_err());
    assert!(e.to_string().starts_with("missing value") && e.to_string().ends_with(" at position 4"), "{e}");
    all_fail(&[
        ("é = 1", "unexpected character 'é'", 0),
        ("a = 1 AND ü = 2", "unexpected character 'ü'", 10),
        ("a = 'ü", "unterminated string literal", 4),
        ("a = 1日", "unexpected character '日'", 5),
        ("a = 'ü' 日", "unexpected character '日'", 9),
        ("a = '日本' b", "unexpected 'b'", 13),
        ("a = -é", "expected a digit after '-'", 5),
        ("a = 1.é", "expected digits after the decimal point", 6),
        ("a = 1e😀", "expected digits in the exponent", 6),
    ]);
}

#[test]
fn never_panics_and_positions_are_char_boundaries() {
    let corpus = [
        "year = 2024 AND month IN (5, 6)",
        "region <> 'eu' OR NOT (day BETWEEN 1 AND 10)",
        "`jahr ü` >= 'ß''日' AND -1.5e-3 < x",
        "a NOT IN ('é', 2) OR b NOT BETWEEN TRUE AND false",
    ];
    let inserts = ["é", "日", "😀", "'", "`", "(", ")", "-", ".", "e", "!", "=", "<", " NOT ", ",", "\u{0}"];
    let check = |s: &str| {
        if let Err(e) = parse_filter(s) {
            assert!(e.position <= s.len() && s.is_char_boundary(e.position), "{s:?}: {e}");
        }
    };
    for base in corpus {
        assert!(parse_filter(base).is_ok(), "{base}");
        for i in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
            check(&base[..i]);
            check(&base[i..]);
            for ins in inserts {
                check(&format!("{}{ins}{}", &base[..i], &base[i..]));
            }
        }
    }
}
