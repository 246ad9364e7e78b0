"""Who signs a record, in what role and with what meaning: one declaration per record kind.

Signing works like a paper sign-in sheet. The content is fixed before the signing round; then
each person signs in their role. On a *sign-in list* (the attendees of a toolbox talk, an FLHA
crew, a drill's participants, a meeting's attendees) a signature binds the record's *sheet
content* — everything but the sign-in lists — so a late attendee can add their name and sign
without invalidating the signatures already made, exactly as on paper. Any other change after
signing still needs a reason and a new signing round.

Each kind's roles are declared with the kind (``domain/record_kinds``, read through
``domain/registry``); the functions here apply them, for completeness (does the record
count?), readiness, the signing service (who may sign as what) and the signing dialog (who
signs next).
"""

from __future__ import annotations

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record, Signature
from secor_desktop.domain.registry import SignerRole as SignerRole  # declared there
from secor_desktop.domain.registry import SigningRule as SigningRule
from secor_desktop.domain.registry import spec_of_body


def rule_for(body: Body) -> SigningRule:
    """The signing rule of the kind whose body this is (its declaration's)."""
    return spec_of_body(body).signing


def named(body: Body, role: SignerRole) -> tuple[str, ...]:
    """The worker ids a role's field holds (empty for an unset optional field)."""
    value = getattr(body, role.field)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def required_signers(body: Body) -> tuple[str, ...]:
    """Everyone who must have signed the record's current content for it to count."""
    out: list[str] = []
    for role in rule_for(body).roles:
        if role.required:
            out.extend(w for w in named(body, role) if w not in out)
    return tuple(out)


def is_current(record: Record, signature: Signature) -> bool:
    """Made on the record as it stands: on its whole content, or on its sign-in sheet."""
    sha = signature.content_sha256
    sheet = record.sheet_sha256
    return sha == record.content_sha256 or (bool(sheet) and sha == sheet)


def current_signers(record: Record) -> set[str]:
    return {s.signer_id for s in record.signatures if is_current(record, s)}


def roles_of(record: Record, worker_id: str) -> tuple[SignerRole, ...]:
    return tuple(r for r in rule_for(record.body).roles if worker_id in named(record.body, r))


def allowed_meanings(record: Record, worker_id: str) -> tuple[SignatureMeaning, ...]:
    """The meanings this worker may sign the record with, their role's first."""
    out: list[SignatureMeaning] = []
    for role in roles_of(record, worker_id):
        out.extend(m for m in role.meanings if m not in out)
    out.extend(m for m in rule_for(record.body).open if m not in out)
    return tuple(out)


def refusal(record: Record, worker_id: str, name: str, meaning: SignatureMeaning) -> str | None:
    """Why this worker may not sign the record with this meaning, or None when they may."""
    if meaning in allowed_meanings(record, worker_id):
        return None
    wanted = [r.label for r in rule_for(record.body).roles if meaning in r.meanings]
    if wanted:
        return (
            f"{name} is not listed as {' or '.join(wanted)} on this record, so cannot sign "
            f"as '{meaning.value}'; add them to the record first"
        )
    return f"no one signs this kind of record as '{meaning.value}'"


def not_ready_to_sign(record: Record) -> tuple[tuple[str, str], ...]:
    """What must be filled in before the laptop is passed around: (body field path, words)."""
    problems: list[tuple[str, str]] = []
    for role in rule_for(record.body).roles:
        if role.required and not named(record.body, role):
            article = "at least one" if role.sheet else "the"
            problems.append((f"body.{role.field}", f"name {article} {role.label} before signing"))
    before_signing = spec_of_body(record.body).before_signing
    if before_signing is not None:
        problems.extend(before_signing(record.body))
    return tuple(problems)


def still_to_sign(record: Record) -> tuple[tuple[str, SignerRole], ...]:
    """Who is expected to sign and has not yet, in the order the laptop goes round."""
    signed = current_signers(record)
    out: list[tuple[str, SignerRole]] = []
    seen: set[str] = set()
    for role in rule_for(record.body).roles:
        for worker_id in named(record.body, role):
            if worker_id not in signed and worker_id not in seen:
                seen.add(worker_id)
                out.append((worker_id, role))
    return tuple(out)


def keeps_signatures(before: Record, after: Record) -> bool:
    """True when a change leaves every current signature current, in a role that admits it.

    Such a change (a late attendee added to the sign-in list) needs no reason and no new
    signing round; any other change to a signed record does.
    """
    for sig in before.signatures:
        if not is_current(before, sig):
            continue
        if not is_current(after, sig):
            return False
        if sig.meaning not in allowed_meanings(after, sig.signer_id):
            return False
    return True
