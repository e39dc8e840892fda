"""Before the first dose: a missing item reads as the action to take, for every item of both agents."""
from __future__ import annotations

from webapp.clinical.checklists import ACTIONS, BEFORE_FIRST_DOSE, run_before_first_dose


def test_every_item_has_an_action_and_no_action_is_a_label():
    assert sorted(ACTIONS) == sorted(spec.key for spec in BEFORE_FIRST_DOSE)
    for spec in BEFORE_FIRST_DOSE:
        action = ACTIONS[spec.key]
        assert action.msgid != spec.label.msgid
        assert action.msgid.split()[0] in {"Measure", "Check", "Refer", "Have", "Plan", "Review", "Prescribe",
                                           "If", "Give"}, action.msgid  # an imperative, not a state


def test_thresholds_in_actions_are_the_cores():
    assert dict(ACTIONS["za_crcl_ok"].params) == {"min": 30}
    assert dict(ACTIONS["calcium_planned"].params) == {"min": 1000, "max": 1500}
    assert dict(ACTIONS["dmab_renal_warning_ack"].params) == {"threshold": 30}


def test_each_item_carries_its_action_whether_done_or_not():
    result = run_before_first_dose({"agent": "denosumab", "vitamin_d_checked": "on"})
    assert [(item.key, item.action) for item in result.items] == [
        (item.key, ACTIONS[item.key]) for item in result.items]
    assert "za_paracetamol_plan" not in [item.key for item in result.items]  # the other agent's items are left out
