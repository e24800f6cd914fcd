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
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, RowMapping, delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..catalog import load_catalog
from . import models
from .errors import PasswordRefused, PermissionDenied

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


def may_import(user: User | None, indicator_id: str) -> bool:
    """Whether ``user`` may import (and roll back) figures of ``indicator_id`` (or a ``target:<id>`` key's sub-targets)."""
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


def refused(user: User | None, indicator_ids: Iterable[str]) -> list[str]:
    """The indicators among ``indicator_ids`` whose figures ``user`` may not change."""
    return [i for i in indicator_ids if not may_import(user, i)]


def may_roll_back(user: User | None, batch_indicators: Iterable[str]) -> bool:
    """Whether ``user`` may roll back a batch of these indicators (every one must be theirs)."""
    return user is not None and not refused(user, batch_indicators)


def require(user: User | None, indicator_ids: Iterable[str]) -> None:
    """Refuse unless ``user`` may change the figures of every one of ``indicator_ids``.

    Raises
    ------
    PermissionDenied
        Naming the indicators ``user`` does not lead (every one when there is no user).
    """
    denied = refused(user, indicator_ids)
    if user is None or denied:
        raise PermissionDenied(denied)


def add_user(engine: Engine, username: str, password: str, department: str | None = None, is_admin: bool = False) -> User:
    """Create an account with a scrypt-hashed password.

    Raises
    ------
    ValueError
        If the name is taken, empty or longer than 80 characters, the department longer than
        120, or the password shorter than 8 characters.
    """
    username = username.strip()
    if not username or len(password) < MIN_PASSWORD:
        raise ValueError(f"a user name and a password of at least {MIN_PASSWORD} characters are needed")
    if len(username) > models.USERNAME_LENGTH or len(department or "") > models.DEPARTMENT_LENGTH:
        raise ValueError(f"a user name of at most {models.USERNAME_LENGTH} characters and a department of at most "
                         f"{models.DEPARTMENT_LENGTH} are needed")
    row = dict(username=username, password_hash=generate_password_hash(password, method=PASSWORD_METHOD),
               department=department or None, is_admin=is_admin, created_at=datetime.now(UTC),
               session_key=new_session_key())
    try:
        with engine.begin() as conn:
            user_id = conn.execute(models.users.insert().values(**row)).inserted_primary_key[0]
    except IntegrityError:
        raise ValueError(f"user {username!r} exists already") from None
    return User(user_id, username, row["department"], is_admin, row["session_key"])


def new_session_key() -> str:
    """A random session key (256 bits), never derived from anything an account is known by."""
    return secrets.token_urlsafe(32)


def remove_user(engine: Engine, username: str) -> bool:
    """Delete an account; False if there was none."""
    with engine.begin() as conn:
        return conn.execute(delete(models.users).where(models.users.c.username == username)).rowcount == 1


def _user(row: RowMapping) -> User:
    return User(row["id"], row["username"], row["department"], bool(row["is_admin"]), row["session_key"])


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
    return User(user.id, user.username, user.department, user.is_admin, key)
