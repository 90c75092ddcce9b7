"""The words employment shows for its codes: contract types, in the UI language."""

from __future__ import annotations

from desktop.i18n import N_, _
from desktop.services.access import pure

CONTRACT_TYPES = {"permanent": N_("Permanent contract"), "fixed_term": N_("Fixed-term contract"),
                  "seasonal": N_("Seasonal work"), "subsidised": N_("Subsidised job")}


@pure
def contract_type_text(code: str | None) -> str:
    """The contract type's name; a placement recorded before types were kept has none."""
    if code is None:
        return _("Contract type not recorded")
    return _(CONTRACT_TYPES[code]) if code in CONTRACT_TYPES else code
