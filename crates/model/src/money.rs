/// Dollars as people read them: `$1,234` from a hundred up, `$12.50` below.
pub fn usd(amount: f64) -> String {
    // Nothing saved is $0.00, never $-0.00; a loss reads -$12.50.
    if amount < 0.0 && amount.abs() >= 0.005 {
        return format!("-{}", usd(-amount));
    }
    let amount = if amount > 0.0 { amount } else { 0.0 };
    if amount >= 100.0 {
        let whole = amount.round() as u64;
        let digits = whole.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        format!("${out}")
    } else {
        format!("${amount:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_read_like_dollars() {
        assert_eq!(usd(3.65), "$3.65");
        assert_eq!(usd(-0.0), "$0.00");
        assert_eq!(usd(-0.001), "$0.00");
        assert_eq!(usd(-12.5), "-$12.50");
        assert_eq!(usd(-1234.0), "-$1,234");
        assert_eq!(usd(1234.4), "$1,234");
        assert_eq!(usd(1_234_567.0), "$1,234,567");
    }
}
