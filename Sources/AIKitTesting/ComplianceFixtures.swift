/// Compliance inputs shared by the tests.
public enum ComplianceFixtures {
    /// A rule pack with one made-up rule (it stands for a later BIS rule a user loads): from 2026-11-01 an H20 for
    /// China needs a licence, case-by-case.
    public static let rulePack = """
        {"as_of": "2026-11-30", "rules": [{"id": "TEST-PACK-H20", "title": "Test pack: H20 to China needs a licence",
         "kind": "licence requirement", "effective": "2026-11-01", "precedence": 200,
         "item": {"fact": "name", "op": "in", "value": ["H20"]}, "destinations": {"countries": ["CN"]},
         "outcome": {"license_required": true, "policy": "case-by-case"}, "explanation": "test",
         "citations": [{"source": "test", "evidence": "U"}], "evidence": "U"}]}
        """
}
