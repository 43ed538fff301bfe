//! Exact decimal money (docs/rulebook.md §0).
//!
//! Amounts are yuan rounded once per money line to 0.01 yuan, half away from
//! zero (四舍五入). `rust_decimal` rounds half-to-even by default, so every
//! rounding in the rules goes through [`round_yuan`].
#![forbid(unsafe_code)]

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds a money line to 0.01 yuan, half away from zero, always printed with
/// two decimals (`2410` → `2410.00`).
pub fn round_yuan(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// A rate or proportion as it should be printed: exact, without trailing zeros.
pub fn plain(value: Decimal) -> Decimal {
    value.normalize()
}

/// Sum of already rounded money lines.
pub fn total<I: IntoIterator<Item = Decimal>>(lines: I) -> Decimal {
    let mut sum = Decimal::ZERO;
    sum.rescale(2);
    lines.into_iter().fold(sum, |acc, line| acc + line)
}

/// 13600000 → "13,600,000"; 906666.67 → "906,666.67".
pub fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        // 0.045: banker's rounding gives 0.04, 四舍五入 gives 0.05.
        assert_eq!(dec!(0.045).round_dp(2), dec!(0.04));
        assert_eq!(round_yuan(dec!(0.045)).to_string(), "0.05");
        assert_eq!(round_yuan(dec!(0.035)).to_string(), "0.04");
        assert_eq!(round_yuan(dec!(6416.384)).to_string(), "6416.38");
        assert_eq!(round_yuan(dec!(5133.1072)).to_string(), "5133.11");
        assert_eq!(round_yuan(dec!(2410)).to_string(), "2410.00");
        assert_eq!(round_yuan(dec!(-0.045)).to_string(), "-0.05");
    }

    #[test]
    fn totals_keep_two_decimals() {
        assert_eq!(total([]).to_string(), "0.00");
        assert_eq!(total([dec!(6416.38), dec!(5133.11), dec!(2410.00)]).to_string(), "13959.49");
    }
}
