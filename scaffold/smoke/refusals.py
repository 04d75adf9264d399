"""Each invalid combination of answers, put to the template: it must refuse it, naming the answer at fault."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from scaffold.smoke.matrix import INVALID
from scaffold.smoke.results import Refusal
from scaffold.template import template_source

# Copier names the question it refuses: "Validation error for question 'port': ..." (a validator),
# "Invalid choice for 'orm': ..." (a closed choice).
COPIER_REFUSAL = re.compile(
    r"(?P<kind>Validation error for question|Invalid choice for) '(?P<field>\w+)': (?P<message>.*)", re.S
)


def check_refusals(template: str | None) -> list[Refusal]:
    """Put every invalid combination to ``template`` (the bundled one when None), rendering nothing."""
    import copier

    found: list[Refusal] = []
    with template_source(template) as source, tempfile.TemporaryDirectory(prefix="scaffold-refusal-") as folder:
        for name, (answers, field) in INVALID.items():
            field_found, reason = _refused(copier, source, Path(folder), answers)
            found.append(Refusal(name=name, answers=answers, field=field, refused_on=field_found, reason=reason))
    return found


def _refused(copier: Any, source: str, folder: Path, answers: dict[str, Any]) -> tuple[str | None, str]:
    data = {"project_name": "refused", **answers}
    try:
        copier.run_copy(source, folder, data=data, defaults=True, quiet=True, pretend=True, unsafe=False)
    except Exception as exc:  # copier raises ValueError subclasses for refusals, others for broken templates
        message = " ".join(str(exc).split())
        match = COPIER_REFUSAL.search(message)
        return (match["field"], match["message"]) if match else (None, message or type(exc).__name__)
    return None, "accepted: the template rendered it"
