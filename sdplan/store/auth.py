"""Accounts and permissions: hashed passwords, departments, who may import and roll back what.

An editor belongs to a department and may import (and roll back) the indicators whose plan targets
name that department among their lead departments (``targets.csv``); an administrator may do
everything; no user, nothing. The store's write operations call :func:`require` themselves.
Accounts are managed from the command line (``sdplan user add/remove/list``); a person changes
their own password on the web. Each account has a session key, a random token made with the account
and replaced on every sign-out and password change (:func:`end_sessions`); a session names the key,
never the account's id, so a session of a removed account (whose id the next account may be given)
or from before a sign-out matches no account.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Engine, RowMapping, delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..catalog import load_catalog
from . import models
from .errors import OutsideRegion, PasswordRefused, PermissionDenied

PROVINCE = "370000"

MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # hashing a megabyte of "password" is work for nothing
PASSWORD_METHOD = "scrypt"  # werkzeug's default scrypt parameters (tests may lower the cost)


@dataclass(frozen=True)
class User:
    """An account as the application sees it (never the password hash)."""

    id: int
    username: str
    department: str | None
    is_admin: bool
    session_key: str = ""  # random, replaced on sign-out and password change: older sessions match nothing
    region: str | None = None  # a city's or county's adcode: the account reports for it; None: the province

    @property
    def regional(self) -> bool:
        """Whether the account reports for a city or a county (its figures count once a reviewer accepts them)."""
        return self.region is not None


def leads(user: User | None, indicator_id: str) -> bool:
    """Whether ``user``'s department leads ``indicator_id`` (or a ``target:<id>`` key's sub-targets), or ``user`` is
    an administrator."""
    if user is None:
        return False
    return user.is_admin or (bool(user.department) and user.department in _leads(indicator_id))


def _leads(key: str) -> tuple[str, ...]:
    """The departments leading an indicator, or a target's sub-targets (a ``target:<id>`` key: its own leads)."""
    catalog = load_catalog()
    if key.startswith(models.SUBTARGET_PREFIX):
        target = catalog.targets.get(key[len(models.SUBTARGET_PREFIX):])
        return target.lead_departments if target else ()
    return catalog.lead_departments(key)


def may_import(user: User | None, indicator_id: str) -> bool:
    """Whether ``user`` may import (and roll back) figures of ``indicator_id``: a province account leading it.

    A region's account leads its indicators for its region only, and submits them for review instead
    (:func:`may_submit`)."""
    return leads(user, indicator_id) and not user.regional


def may_submit(user: User | None, indicator_id: str) -> bool:
    """Whether ``user`` may submit figures of ``indicator_id`` into a round: a region's account leading it."""
    return leads(user, indicator_id) and user.regional


def refused(user: User | None, indicator_ids: Iterable[str], submitting: bool = False) -> list[str]:
    """The indicators among ``indicator_ids`` whose figures ``user`` may not import (or submit)."""
    allowed = may_submit if submitting else may_import
    return [i for i in indicator_ids if not allowed(user, i)]


def may_roll_back(user: User | None, batch_indicators: Iterable[str]) -> bool:
    """Whether ``user`` may roll back a batch of these indicators (every one must be theirs)."""
    return user is not None and not refused(user, batch_indicators)


def require(user: User | None, indicator_ids: Iterable[str], submitting: bool = False) -> None:
    """Refuse unless ``user`` may import (or, ``submitting``, submit) figures of every one of ``indicator_ids``.

    Raises
    ------
    PermissionDenied
        Naming the indicators ``user`` may not change (every one when there is no user).
    """
    denied = refused(user, indicator_ids, submitting)
    if user is None or denied:
        raise PermissionDenied(denied, regional=bool(user and user.regional))


def add_user(engine: Engine, username: str, password: str, department: str | None = None, is_admin: bool = False,
             region: str | None = None) -> User:
    """Create an account with a scrypt-hashed password.

    ``region`` (a city's or county's adcode) makes it the account of that region: it may submit the
    figures of the region (a city: its own and its counties') into an open round, not import them.

    Raises
    ------
    ValueError
        If the name is taken, empty or longer than 80 characters, the department longer than
        120, the password shorter than 8 characters, the region not a city or county of the
        province, or an administrator given a region.
    """
    region = reporting_region(region, is_admin)
    username = username.strip()
    if not username or len(password) < MIN_PASSWORD:
        raise ValueError(f"a user name and a password of at least {MIN_PASSWORD} characters are needed")
    if len(username) > models.USERNAME_LENGTH or len(department or "") > models.DEPARTMENT_LENGTH:
        raise ValueError(f"a user name of at most {models.USERNAME_LENGTH} characters and a department of at most "
                         f"{models.DEPARTMENT_LENGTH} are needed")
    row = dict(username=username, password_hash=generate_password_hash(password, method=PASSWORD_METHOD),
               department=department or None, is_admin=is_admin, created_at=datetime.now(UTC),
               session_key=new_session_key(), region=region)
    try:
        with engine.begin() as conn:
            user_id = conn.execute(models.users.insert().values(**row)).inserted_primary_key[0]
    except IntegrityError:
        raise ValueError(f"user {username!r} exists already") from None
    return User(user_id, username, row["department"], is_admin, row["session_key"], region)


def reporting_region(region: str | None, is_admin: bool = False) -> str | None:
    """``region`` checked as an account's region: a city's or county's adcode, or None (the province).

    Raises
    ------
    ValueError
        If it is no city or county of the province (the province itself is no region: give none),
        or an administrator is given one.
    """
    if region in (None, "", PROVINCE):
        return None
    if is_admin:
        raise ValueError("an administrator acts for the province: give no region")
    if _level_and_parent(region)[0] in (None, "province"):
        raise ValueError(f"{region!r} is not the 6-digit code of a city or county of Shandong")
    return region


@cache
def _regions() -> dict[str, tuple[str, str | None]]:
    """(level, parent) of every region, read once: the checks below run per row of a file and per cell of a round."""
    from ..boundaries import load_regions

    table = load_regions()
    return {a: (lv, p if isinstance(p, str) else None) for a, lv, p in zip(table["adcode"], table["level"],
                                                                               table["parent"], strict=True)}


def _level_and_parent(adcode: str | None) -> tuple[str | None, str | None]:
    return _regions().get(adcode, (None, None))


def within(user: User | None, adcode: str) -> bool:
    """Whether ``adcode`` lies in ``user``'s region: a county in its city, the region itself; every one
    for a province account."""
    if user is None:
        return False
    if user.region is None:
        return True
    if adcode == user.region:
        return True
    return _level_and_parent(adcode)[1] == user.region


def outside(user: User | None, adcodes: Iterable[str]) -> list[str]:
    """The distinct adcodes among ``adcodes`` outside ``user``'s region, in order."""
    return [a for a in dict.fromkeys(adcodes) if not within(user, a)]


def require_region(user: User | None, adcodes: Iterable[str]) -> None:
    """Refuse unless every one of ``adcodes`` lies in ``user``'s region.

    Raises
    ------
    OutsideRegion
        Naming the regions outside it.
    """
    foreign = outside(user, adcodes)
    if foreign:
        raise OutsideRegion(user.region if user else None, foreign)


def new_session_key() -> str:
    """A random session key (256 bits), never derived from anything an account is known by."""
    return secrets.token_urlsafe(32)


def remove_user(engine: Engine, username: str) -> bool:
    """Delete an account; False if there was none."""
    with engine.begin() as conn:
        return conn.execute(delete(models.users).where(models.users.c.username == username)).rowcount == 1


def _user(row: RowMapping) -> User:
    return User(row["id"], row["username"], row["department"], bool(row["is_admin"]), row["session_key"],
                row.get("region"))


def list_users(engine: Engine) -> list[User]:
    """Every account, by name."""
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(select(models.users).order_by(models.users.c.username)).mappings()]


def get_user(engine: Engine, username: str | None = None, user_id: int | None = None,
             session_key: str | None = None) -> User | None:
    """The account with this name, id or session key, or None."""
    if session_key is not None:
        column, key = models.users.c.session_key, session_key
    elif user_id is not None:
        column, key = models.users.c.id, user_id
    else:
        column, key = models.users.c.username, username
    with engine.connect() as conn:
        row = conn.execute(select(models.users).where(column == key)).mappings().first()
    return None if row is None else _user(row)


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The account if the password is right, else None (same work either way).

    A name no account can have (too long, or holding a NUL, which PostgreSQL refuses) or a
    password over :data:`MAX_PASSWORD` characters is simply wrong.
    """
    row = None
    if 0 < len(username) <= models.USERNAME_LENGTH and "\x00" not in username and len(password) <= MAX_PASSWORD:
        with engine.connect() as conn:
            row = conn.execute(select(models.users).where(models.users.c.username == username)).mappings().first()
    if row is None:
        check_password_hash(generate_password_hash("x", method=PASSWORD_METHOD), password)
        return None
    return _user(row) if check_password_hash(row["password_hash"], password) else None


def end_sessions(engine: Engine, user_id: int) -> str:
    """Revoke every session of the account (sign-out, password change): its new session key."""
    key = new_session_key()
    with engine.begin() as conn:
        conn.execute(models.users.update().where(models.users.c.id == user_id).values(session_key=key))
    return key


def change_password(engine: Engine, user: User, current: str, new: str) -> User:
    """Set a new password after checking the current one; every other session of the account ends.

    Returns
    -------
    User
        The account with its new session key (sign the present session in again with it).

    Raises
    ------
    PasswordRefused
        If ``current`` is wrong, or ``new`` is shorter than 8 characters or the same as ``current``.
    """
    if authenticate(engine, user.username, current) is None:
        raise PasswordRefused("store_password_wrong")
    if not MIN_PASSWORD <= len(new) <= MAX_PASSWORD or new == current:
        raise PasswordRefused("store_password_weak", n=MIN_PASSWORD)
    with engine.begin() as conn:
        conn.execute(models.users.update().where(models.users.c.id == user.id)
                     .values(password_hash=generate_password_hash(new, method=PASSWORD_METHOD)))
    key = end_sessions(engine, user.id)
    return replace(user, session_key=key)
