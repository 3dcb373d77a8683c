"""Bulk invitations from a CSV: parse and check every row before anything is created."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from stepwise.core.policy import Role
from stepwise.organisations.models import Membership, Team
from stepwise.organisations.services import InvitationRequest

MAX_ROWS = 500
ROLE_BY_NAME = {**{r.value: r.value for r in Role}, **{r.label.lower(): r.value for r in Role}}


@dataclass
class ParsedInvitations:
    requests: list[InvitationRequest] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_invitations_csv(raw: bytes) -> ParsedInvitations:
    result = ParsedInvitations()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((0, "The file is not UTF-8 text. Save it as 'CSV UTF-8' and retry."))
        return result
    if not text.strip():
        result.errors.append((0, "The file is empty."))
        return result
    if "\x00" in text:
        result.errors.append((0, "The file is not a CSV file."))
        return result
    reader = csv.DictReader(io.StringIO(text))
    headers = {(h or "").strip().lower() for h in (reader.fieldnames or [])}
    missing = {"email", "role"} - headers
    if missing:
        result.errors.append((1, "The first row must name the columns: email, name, role, team "
                                 f"(missing: {', '.join(sorted(missing))})."))
        return result
    teams = {t.name.lower(): t for t in Team.objects.all()}
    members = {
        e.lower() for e in Membership.objects.filter(is_active=True)
        .values_list("user__email", flat=True)
    }
    seen: set[str] = set()
    for line_number, row in enumerate(reader, start=2):
        if line_number - 1 > MAX_ROWS:
            result.errors.append((line_number, f"Too many rows: at most {MAX_ROWS} at a time."))
            break
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
               if isinstance(v, str)}
        if not any(row.values()):
            continue
        email = row.get("email", "").lower()
        problems = []
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"'{email[:80]}' is not an email address")
        if email in seen:
            problems.append(f"{email} appears more than once")
        elif email in members:
            problems.append(f"{email} is already a member")
        seen.add(email)
        role = ROLE_BY_NAME.get(row.get("role", "").lower())
        if role is None:
            problems.append(f"'{row.get('role', '')[:40]}' is not a role")
        team_name = row.get("team", "")
        team = teams.get(team_name.lower()) if team_name else None
        if team_name and team is None:
            problems.append(f"there is no team called '{team_name[:60]}'")
        if role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and team is None and not team_name:
            problems.append("practitioners and team managers need a team")
        name = row.get("name", "")
        if len(name) > 150:
            problems.append("the name is longer than 150 characters")
        if problems:
            result.errors.append((line_number, "; ".join(problems).capitalize() + "."))
        else:
            result.requests.append(InvitationRequest(email=email, full_name=name, role=role,
                                                     team=team))
    if not result.requests and not result.errors:
        result.errors.append((0, "The file has no rows to import."))
    return result
