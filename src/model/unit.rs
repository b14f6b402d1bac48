//! Amount units: what a form's 单位 says, and how its amounts compare with another form's.
//! A bureau's inbox mixes forms in 元 and in 万元; the record keeps the unit as the form
//! wrote it (RECORD.md), and everything that puts amounts of several forms side by side (the
//! review workbook, CSV, the plausibility checks) reads the unit here, in one place, so
//! that they all agree on what "4008.71" means.

use super::text::normalize_label_cow;

/// A currency unit amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// 元.
    Yuan,
    /// 千元.
    Qianyuan,
    /// 十万元 (rare, but drawn).
    Shiwanyuan,
    /// 万元, the unit the bureau's forms ask for.
    Wanyuan,
    /// 百万元.
    Baiwanyuan,
    /// 千万元.
    Qianwanyuan,
    /// 亿元.
    Yiyuan,
}

/// The unit assumed for a form that names none: the one the templates print.
pub const ASSUMED: AmountUnit = AmountUnit::Wanyuan;

/// Longest first, so that 千万元 is not read as 万元 and 万元 not as 元.
const NAMES: [(&str, AmountUnit); 7] = [
    ("千万元", AmountUnit::Qianwanyuan),
    ("百万元", AmountUnit::Baiwanyuan),
    ("十万元", AmountUnit::Shiwanyuan),
    ("亿元", AmountUnit::Yiyuan),
    ("万元", AmountUnit::Wanyuan),
    ("千元", AmountUnit::Qianyuan),
    ("元", AmountUnit::Yuan),
];

impl AmountUnit {
    /// Reads a unit as forms write it: "万元", "单位：万元", "金额单位:元", "（万元）",
    /// "人民币 万元". `None` for anything else (美元, 人次, an empty string).
    pub fn parse(text: &str) -> Option<AmountUnit> {
        let norm = normalize_label_cow(text);
        let mut s: &str = &norm;
        // What may stand around the unit: a label before a colon, brackets, 人民币.
        if let Some((_, after)) = s.rsplit_once([':', '：']) {
            s = after;
        }
        let s = s
            .trim_matches(|c: char| "()（）[]【】<>《》".contains(c))
            .trim_start_matches("人民币");
        NAMES
            .iter()
            .find(|(name, _)| s == *name)
            .map(|(_, unit)| *unit)
    }

    /// How many 万元 one of this unit is.
    pub fn in_wanyuan(self) -> f64 {
        match self {
            AmountUnit::Yuan => 1e-4,
            AmountUnit::Qianyuan => 0.1,
            AmountUnit::Shiwanyuan => 10.0,
            AmountUnit::Wanyuan => 1.0,
            AmountUnit::Baiwanyuan => 100.0,
            AmountUnit::Qianwanyuan => 1000.0,
            AmountUnit::Yiyuan => 1e4,
        }
    }

    /// The unit's name: "万元".
    pub fn name(self) -> &'static str {
        self.name_const()
    }

    /// The unit's name, in a constant.
    pub const fn name_const(self) -> &'static str {
        match self {
            AmountUnit::Yuan => "元",
            AmountUnit::Qianyuan => "千元",
            AmountUnit::Shiwanyuan => "十万元",
            AmountUnit::Wanyuan => "万元",
            AmountUnit::Baiwanyuan => "百万元",
            AmountUnit::Qianwanyuan => "千万元",
            AmountUnit::Yiyuan => "亿元",
        }
    }
}

/// How a form's amounts convert to 万元: by its unit as written, or by the assumed 万元
/// where it names none. `None` where the unit is written but is no currency unit perfsheet
/// knows (its amounts cannot be compared with others').
pub fn factor_to_wanyuan(unit: Option<&str>) -> Option<f64> {
    match unit {
        None => Some(ASSUMED.in_wanyuan()),
        Some(u) if u.trim().is_empty() => Some(ASSUMED.in_wanyuan()),
        Some(u) => AmountUnit::parse(u).map(AmountUnit::in_wanyuan),
    }
}

/// `amount` (in a form's unit) in 万元, rounded to the sixth decimal so that 3862450 元
/// reads 386.245, not 386.24500000000006.
pub fn to_wanyuan(amount: f64, factor: f64) -> f64 {
    let x = amount * factor;
    let r = (x * 1e6).round() / 1e6;
    if r.is_finite() { r } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_as_forms_write_them() {
        for (text, unit) in [
            ("万元", Some(AmountUnit::Wanyuan)),
            ("单位：万元", Some(AmountUnit::Wanyuan)),
            ("金额单位: 元", Some(AmountUnit::Yuan)),
            ("（万元）", Some(AmountUnit::Wanyuan)),
            ("单位：人民币万元", Some(AmountUnit::Wanyuan)),
            ("千元", Some(AmountUnit::Qianyuan)),
            ("百万元", Some(AmountUnit::Baiwanyuan)),
            ("千万元", Some(AmountUnit::Qianwanyuan)),
            ("亿元", Some(AmountUnit::Yiyuan)),
            ("万 元", Some(AmountUnit::Wanyuan)),
            ("美元", None),
            ("人次", None),
            ("", None),
        ] {
            assert_eq!(AmountUnit::parse(text), unit, "{text}");
        }
    }

    #[test]
    fn amounts_normalise_to_wanyuan() {
        let f = |u: &str| factor_to_wanyuan(Some(u)).expect("a known unit");
        assert_eq!(to_wanyuan(3_862_450.0, f("元")), 386.245);
        assert_eq!(to_wanyuan(79_883_000.0, f("元")), 7988.3);
        assert_eq!(to_wanyuan(1234.5, f("千元")), 123.45);
        assert_eq!(to_wanyuan(4008.71, f("万元")), 4008.71);
        assert_eq!(to_wanyuan(1.5, f("百万元")), 150.0);
        assert_eq!(to_wanyuan(2.0, f("亿元")), 20_000.0);
        assert_eq!(factor_to_wanyuan(None), Some(1.0), "no unit: 万元 assumed");
        assert_eq!(factor_to_wanyuan(Some("美元")), None);
        assert_eq!(AmountUnit::Yiyuan.name(), "亿元");
    }
}
