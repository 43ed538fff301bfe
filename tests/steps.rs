//! Every result shows its computation as `steps` (docs/rulebook.md §5, "Steps"):
//! the worked examples word for word in both languages, a step's value is the
//! figure of the result it feeds, and `detail: "codes"` keeps only
//! `{article, value}`.

mod common;
use common::{ok, with, TODAY};
use serde_json::{json, Value};

fn maintenance_example() -> Value {
    json!({"zone": "sandy", "forestType": "shrub", "areaMu": "120.5", "plantingYear": 2014,
        "applicationDate": "2026-05-10", "asOf": "2026-05-10", "horizonYears": 3, "retentionRate": "0.86",
        "jointApplication": false, "landRightsClear": true, "meetsTechnicalStandards": true,
        "compartmentManaged": true, "location": "lingwu"})
}

fn construction_example() -> Value {
    json!({"location": "xingqing", "forestType": "arbor", "areaMu": "600", "plantingYear": 2019,
        "retentionRate": "0.9", "jointApplication": false, "landRightsClear": true,
        "meetsTechnicalStandards": true, "compartmentManaged": true, "priorPublicFunding": false,
        "asOf": "2026-05-10"})
}

fn star_example() -> Value {
    json!({"scores": {"contract": "46", "satisfaction": "27", "governance": "18", "rectification": "9"},
        "asOf": "2025-10-01"})
}

fn villages() -> Value {
    json!({"level": "village", "quota": 2, "asOf": "2026-11-26", "candidates": [
        {"name": "A村", "indicators": {"featuredIndustry": "90", "projectFunding": "500", "collectiveIncome": "120", "integrationEntities": "8"}},
        {"name": "B村", "indicators": {"featuredIndustry": "80", "projectFunding": "700", "collectiveIncome": "100", "integrationEntities": "6"}},
        {"name": "C村", "indicators": {"featuredIndustry": "80", "projectFunding": "700", "collectiveIncome": "100", "integrationEntities": "6"}},
        {"name": "D村", "indicators": {"featuredIndustry": "99", "projectFunding": "900", "collectiveIncome": "300", "integrationEntities": "9"}, "badCredit": true}
    ]})
}

/// The steps as (article, formulaZh, formulaEn, value).
fn steps(result: &Value) -> Vec<(String, String, String, Value)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    result["steps"]
        .as_array()
        .expect("every result has steps")
        .iter()
        .map(|st| (s(&st["article"]), s(&st["formulaZh"]), s(&st["formulaEn"]), st["value"].clone()))
        .collect()
}

fn zh(result: &Value) -> Vec<String> {
    steps(result).into_iter().map(|s| s.1).collect()
}

fn en(result: &Value) -> Vec<String> {
    steps(result).into_iter().map(|s| s.2).collect()
}

fn last_value(result: &Value) -> Value {
    result["steps"].as_array().and_then(|s| s.last()).map(|s| s["value"].clone()).unwrap_or(Value::Null)
}

#[test]
fn the_maintenance_worked_example_step_by_step() {
    let r = ok("forest-maintenance", &maintenance_example());
    assert_eq!(
        zh(&r),
        [
            "第十条（一）2 灌木林 10 年内 130 元/亩/年；第 14 年递减 4 次：130 × 0.8⁴ = 53.248 元/亩/年",
            "× 120.5 亩 = 6,416.384 → 6,416.38 元（四舍五入到分）",
            "第十条（一）2 灌木林 10 年内 130 元/亩/年；第 15 年递减 5 次：130 × 0.8⁵ = 42.5984 元/亩/年",
            "× 120.5 亩 = 5,133.1072 → 5,133.11 元（四舍五入到分）",
            "第十条（一）2 灌木林 16—20 年 20 元/亩/年；第 16 年：20 × 120.5 亩 = 2,410.00 元",
            "6,416.38 + 5,133.11 + 2,410.00 = 13,959.49 元",
            "其中有效期内（第二十三条，2027 年及以前的年度）：6,416.38 元",
        ]
    );
    assert_eq!(
        en(&r),
        [
            "Article 10(1)2 shrub forest, first 10 years 130 yuan/mu/year; year 14, reduced 4 times: 130 × 0.8⁴ = 53.248 yuan/mu/year",
            "× 120.5 mu = 6,416.384 → 6,416.38 yuan (rounded to the nearest fen)",
            "Article 10(1)2 shrub forest, first 10 years 130 yuan/mu/year; year 15, reduced 5 times: 130 × 0.8⁵ = 42.5984 yuan/mu/year",
            "× 120.5 mu = 5,133.1072 → 5,133.11 yuan (rounded to the nearest fen)",
            "Article 10(1)2 shrub forest, years 16–20, 20 yuan/mu/year; year 16: 20 × 120.5 mu = 2,410.00 yuan",
            "6,416.38 + 5,133.11 + 2,410.00 = 13,959.49 yuan",
            "Of which within the period of validity (Article 23, years up to 2027): 6,416.38 yuan",
        ]
    );
    let all = steps(&r);
    let articles: Vec<&str> = all.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        articles,
        ["第十条（一）2", "第十条（一）2", "第十条（一）2", "第十条（一）2", "第十条（一）2", "第十条", "第二十三条"]
    );
    // Each value is the figure of the result it feeds.
    let schedule = r["schedule"].as_array().unwrap();
    assert_eq!(all[0].3, schedule[0]["ratePerMu"]);
    assert_eq!(all[1].3, schedule[0]["amount"]);
    assert_eq!(all[2].3, schedule[1]["ratePerMu"]);
    assert_eq!(all[3].3, schedule[1]["amount"]);
    assert_eq!(all[4].3, schedule[2]["amount"]);
    assert_eq!(all[5].3, r["total"]);
    assert_eq!(all[6].3, r["totalWithinValidity"]);
    assert_eq!(r["total"], json!("13959.49"));
}

#[test]
fn maintenance_rows_of_every_band() {
    // Planted 2020, applied 2025: ages 7 … 30 over 24 years, with an arbor stand in the oasis.
    let req = with(
        &maintenance_example(),
        &[
            ("zone", json!("oasis")),
            ("forestType", json!("arbor")),
            ("plantingYear", json!(2020)),
            ("applicationDate", json!("2025-03-01")),
            ("asOf", json!("2025-03-01")),
            ("horizonYears", json!(24)),
            ("retentionRate", json!("0.9")),
        ],
    );
    let r = ok("forest-maintenance", &req);
    let zh = zh(&r);
    assert_eq!(
        zh[0],
        "第十条（二）1 乔木林（乔灌混交林） 10 年内 240 元/亩/年；第 7 年：240 × 120.5 亩 = 28,920.00 元"
    );
    assert!(
        zh.contains(
            &"第十条（二）1 乔木林（乔灌混交林） 10 年内 240 元/亩/年；第 11 年递减 1 次：240 × 0.8 = 192 元/亩/年"
                .to_string()
        ),
        "{zh:#?}"
    );
    assert!(zh.contains(&"第十条（二）1 乔木林（乔灌混交林） 大于 20 年、未能达到自然生长条件 70 元/亩/年；第 21 年：70 × 120.5 亩 = 8,435.00 元".to_string()), "{zh:#?}");
    // One step per flat row, two per declining row (5), the total and the part within validity.
    let rows = r["schedule"].as_array().unwrap().len();
    assert_eq!(rows, 24);
    assert_eq!(zh.len(), rows + 5 + 2);
    assert_eq!(last_value(&r), r["totalWithinValidity"]);
    // A self-sustaining stand: the year compensation stops is a decision.
    let r = ok("forest-maintenance", &with(&req, &[("selfSustaining", json!(true))]));
    let last = steps(&r).into_iter().rev().nth(2).unwrap();
    assert_eq!(
        last.1,
        "第十条（二）1 建设年限大于 20 年且能够自然生长、生态系统趋于稳定：第 21 年（2040 年）起不再补偿"
    );
    assert_eq!(last.3, Value::Null);
}

#[test]
fn construction_rate_times_area() {
    let r = ok("forest-construction", &construction_example());
    assert_eq!(
        steps(&r),
        [(
            "第九条".to_string(),
            "第九条 乔木林（乔灌混交林） 500 元/亩 × 600 亩 = 300,000.00 元".to_string(),
            "Article 9 arbor (or mixed) forest 500 yuan/mu × 600 mu = 300,000.00 yuan".to_string(),
            r["amount"].clone()
        )]
    );
    // A mixed stand below 65% is rated as shrub: the decision, then the amount, rounded.
    let mixed = with(
        &construction_example(),
        &[
            ("forestType", json!("mixed")),
            ("arborShareByArea", json!("0.6")),
            ("arborShareByStems", json!("0.7")),
            ("areaMu", json!("120.0003")),
        ],
    );
    let r = ok("forest-construction", &mixed);
    let all = steps(&r);
    assert_eq!(all[0].0, "第三条");
    assert_eq!(all[0].1, "乔木占总面积 60% < 65%，占总株数 70% ≥ 65%：属乔灌混交林，按乔木林（乔灌混交林）计");
    assert_eq!(
        all[0].2,
        "Arbor share of the area 60% < 65%, of the stems 70% ≥ 65%: an arbor–shrub mixed forest, rated as arbor (or mixed) forest"
    );
    let r = ok("forest-construction", &with(&mixed, &[("arborShareByStems", json!("0.5"))]));
    let all = steps(&r);
    assert_eq!(all[0].1, "乔木占总面积 60% < 65%，占总株数 50% < 65%：不属乔灌混交林，按灌木林计");
    assert_eq!(all[0].3, Value::Null);
    assert_eq!(all[1].1, "第九条 灌木林 150 元/亩 × 120.0003 亩 = 18,000.045 → 18,000.05 元（四舍五入到分）");
    assert_eq!(all[1].3, r["amount"]);
    assert_eq!(r["amount"], json!("18000.05"));
}

#[test]
fn star_total_lines_and_band() {
    let r = ok("property-star", &star_example());
    assert_eq!(
        zh(&r),
        [
            "合同履行 46 + 满意度 27 + 基层治理 18 + 整改 9 = 100 分（满分 110 分）",
            "合同履行 46 ≥ 42.5（50 × 85%）",
            "满意度 27 ≥ 25.5（30 × 85%）",
            "基层治理 18 ≥ 17（20 × 85%）",
            "整改 9 ≥ 8.5（10 × 85%）",
            "总分 100 ≥ 95 且各项均 ≥ 85% → 五星级",
        ]
    );
    assert_eq!(
        en(&r),
        [
            "Contract 46 + Satisfaction 27 + Governance 18 + Rectification 9 = 100 points (of 110)",
            "Contract 46 ≥ 42.5 (50 × 85%)",
            "Satisfaction 27 ≥ 25.5 (30 × 85%)",
            "Governance 18 ≥ 17 (20 × 85%)",
            "Rectification 9 ≥ 8.5 (10 × 85%)",
            "Total 100 ≥ 95 and every category ≥ 85% → 5 stars",
        ]
    );
    let all = steps(&r);
    assert!(all.iter().all(|s| s.0 == "第十一条"));
    assert_eq!(all[0].3, r["total"]);
    assert_eq!(all[1].3, json!("42.5"));
    assert_eq!(all[5].3, Value::Null, "the band is a decision");

    // Falling through 5★ to 4★, and a disqualifier.
    let fall = json!({"scores": {"contract": "40", "satisfaction": "28", "governance": "18", "rectification": "9"},
        "asOf": "2025-10-01", "disqualifiers": ["falseMaterials"]});
    let zh = zh(&ok("property-star", &fall));
    assert_eq!(zh[1], "合同履行 40 < 42.5（50 × 85%）");
    assert_eq!(zh[5], "总分 95 ≥ 95，但并非各项均 ≥ 85% → 不是五星级");
    assert_eq!(zh[6], "合同履行 40 ≥ 35（50 × 70%）");
    assert_eq!(zh[10], "总分 95 ≥ 90 且各项均 ≥ 70% → 四星级");
    assert_eq!(zh[11], "第十六条第4项：申报材料弄虚作假 → 不达标（不论得分）");
    assert_eq!(zh.len(), 12);

    // The contract score as the sum of its sub-items; below 70.
    let items = json!({"contractItems": {"basicManagement": "8", "publicDisclosure": "5", "sanitation": "7",
        "orderMaintenance": "6", "greening": "5", "sharedFacilities": "6", "renovation": "4", "bonus": "2.5"},
        "scores": {"satisfaction": "10", "governance": "10", "rectification": "5"}, "asOf": "2025-10-01"});
    let r = ok("property-star", &items);
    let all = steps(&r);
    assert_eq!(all[0].1, "合同履行 = 基础管理 8 + 公开公示 5 + 环境卫生管理 7 + 秩序维护管理 6 + 绿化管理 5 + 共用设施设备维护 6 + 装修管理 4 + 加分项目 2.5 = 43.5");
    assert_eq!(all[0].3, r["categories"][0]["score"]);
    assert_eq!(all[1].3, r["total"]);
    assert_eq!(all[2].1, "总分 68.5 < 70 → 不达标");
    assert_eq!(all[2].2, "Total 68.5 < 70 → not up to standard");
}

#[test]
fn five_strong_reward_by_level() {
    let r = ok("five-strong", &json!({"level": "village", "location": "helan"}));
    assert_eq!(
        zh(&r),
        [
            "四（三） 经济强村奖励 500,000 元",
            "全部名额认定时市财政奖励合计：5,000,000 × 1 + 5,000,000 × 1 + 1,000,000 × 6 + 500,000 × 20 = 26,000,000 元",
        ]
    );
    assert_eq!(en(&r)[0], "Section 4(3) economically strong village: a reward of 500,000 yuan");
    let all = steps(&r);
    assert_eq!((all[0].3.clone(), all[1].3.clone()), (r["reward"].clone(), r["cityTotalWhenFull"].clone()));
    let r = ok("five-strong", &json!({"level": "enterprise"}));
    assert_eq!(zh(&r)[0], "四（三） 未给予百强企业现金奖励：0 元");
    assert_eq!(steps(&r)[0].3, r["reward"]);
}

#[test]
fn ranking_one_step_per_candidate_then_the_cut_off() {
    let r = ok("five-strong-ranking", &villages());
    let zh = zh(&r);
    assert_eq!(
        zh,
        [
            "A村：特色产业优势 第 1 名 100 分，项目资金投入 第 3 名 33.33 分，村集体经济收入 第 1 名 100 分，产业融合经营主体情况 第 1 名 100 分；综合 = 100 × (3 + 1 + 3 + 3) ÷ (3 × 4) ≈ 83.33 分",
            "B村：特色产业优势 第 2 名 66.67 分，项目资金投入 第 1 名 100 分，村集体经济收入 第 2 名 66.67 分，产业融合经营主体情况 第 2 名 66.67 分；综合 = 100 × (2 + 3 + 2 + 2) ÷ (3 × 4) = 75 分",
            "C村：特色产业优势 第 2 名 66.67 分，项目资金投入 第 1 名 100 分，村集体经济收入 第 2 名 66.67 分，产业融合经营主体情况 第 2 名 66.67 分；综合 = 100 × (2 + 3 + 2 + 2) ÷ (3 × 4) = 75 分",
            "D村：镇（乡）、村存在不良信用记录（负面清单）→ 不参与排名",
            "名额 2 个：取综合得分前 2 名，认定 1 个（末位 A村 83.33 分）；2 个候选并列 75 分，争夺剩余 1 个名额，由领导小组审定",
            "四（三） 500,000 元 × 2 个名额 = 1,000,000 元",
        ]
    );
    assert_eq!(
        en(&r)[0],
        "A村: Featured-industry strength rank 1 (100), Project funding rank 3 (33.33), Collective economic income rank 1 (100), Industry-integration businesses rank 1 (100); composite = 100 × (3 + 1 + 3 + 3) ÷ (3 × 4) ≈ 83.33"
    );
    let all = steps(&r);
    for (i, row) in r["ranking"].as_array().unwrap().iter().enumerate() {
        assert_eq!(all[i].3, row["composite"], "{row}");
    }
    assert_eq!(last_value(&r), r["totalReward"]);
    // Weights show in the composite.
    let weighted = with(&villages(), &[("weights", json!({"projectFunding": "2"}))]);
    let zh = self::zh(&ok("five-strong-ranking", &weighted));
    assert!(zh[0].ends_with("综合 = 100 × (1 × 2 + 2 × 3 + 1 × 2 + 1 × 2) ÷ (3 × 5) = 80 分"), "{}", zh[0]);
    assert!(zh[2].ends_with("综合 = 100 × (1 × 3 + 2 × 1 + 1 × 3 + 1 × 3) ÷ (3 × 5) ≈ 73.33 分"), "{}", zh[2]);
}

#[test]
fn codes_mode_keeps_article_and_value_only() {
    for (calculator, input) in [
        ("forest-maintenance", maintenance_example()),
        ("forest-construction", construction_example()),
        ("property-star", star_example()),
        ("five-strong", json!({"level": "town"})),
        ("five-strong-ranking", villages()),
    ] {
        let full = ok(calculator, &input);
        let text = policy_calc::evaluate_json_at(calculator, &input.to_string(), TODAY, policy_calc::Detail::Codes);
        assert!(!text.contains("formula"), "{calculator}: {text}");
        let codes: Value = serde_json::from_str(&text).unwrap();
        let codes_steps = codes["result"]["steps"].as_array().expect("steps in codes mode too");
        assert!(!codes_steps.is_empty(), "{calculator}");
        assert_eq!(codes_steps.len(), full["steps"].as_array().unwrap().len(), "{calculator}");
        for (c, f) in codes_steps.iter().zip(full["steps"].as_array().unwrap()) {
            let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["article", "value"], "{calculator}");
            assert_eq!((&c["article"], &c["value"]), (&f["article"], &f["value"]), "{calculator}");
        }
    }
}
