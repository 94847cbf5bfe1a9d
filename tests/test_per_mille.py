"""A share written per mille (‰) is read with its unit and compared as a percentage (fresh13's gap,
tuned on; fresh wording)."""


def test_a_share_per_mille_is_read_and_compared_as_a_percentage():
    from etl.warehouse.plan import extract_text

    t = extract_text("一、发展目标\n到2027年，质押贷款不良率不高于3‰。\n", period=(2025, 2027)).targets
    row = t.iloc[0]
    assert (row["value"], row["unit"], row["comparator"]) == (3, "‰", "<=")
    assert (row["value_std"], row["unit_std"], row["scope"]) == (0.3, "%", "ratio")
