"""Desktop users and their PostgreSQL logins: add, disable, list, and who is connected.

On PostgreSQL every user is a LOGIN role named exactly like ``users.username`` and a member of
the group role of their ``users.role`` (see :mod:`db.roles`); the row and the role are created
in one transaction, so a failure leaves neither. On the embedded SQLite shape only the row
exists and the app acts as the user chosen with ``--user``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from db import roles
from db.models import Department, Town, User
from db.vocab import Role
from desktop.errors import Refusal

_T = TypeVar("_T")
USER_ROLES: tuple[str, ...] = tuple(roles.GROUP_ROLES)
DISPLAY_NAME_MAX = 64


class UserError(Refusal):
    """A refused user-management request (``user.…`` codes); nothing was changed."""


def _is_pg(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


def _find_unit(session: Session, model: type[Town] | type[Department], value: str | int) -> Any:
    """A town or department by id, code or name."""
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        row = session.get(model, int(value))
        if row is not None:
            return row
    key = str(value).strip()
    return session.scalars(
        select(model).where((model.code == key) | (model.name == key)).order_by(model.id).limit(1)
    ).first()


def add_user(
    engine: Engine,
    username: str,
    display_name: str,
    role: str,
    *,
    town_id: int | str | None = None,
    department_id: int | str | None = None,
    password: str | None = None,
) -> dict[str, Any]:
    """Create the user (and, on PostgreSQL, their login role in the group of ``role``).

    ``town_id``/``department_id`` also accept a code or a name. Returns the user as a dict.
    Raises :class:`UserError` (nothing created) for a bad name, an existing user or login, an
    unknown role, town or department, or a missing town/department for the role.
    """
    username = username.strip()
    problem = roles.role_name_problem(username)
    if problem == "invalid":
        raise UserError("user.name_invalid", username=username)
    if problem == "reserved":
        raise UserError("user.name_reserved", username=username)
    if role == "gateway" and not _is_pg(engine):
        raise UserError("user.gateway_needs_server")
    if role not in (*USER_ROLES, "gateway"):
        raise UserError("user.role_invalid", role=role, choices=[*USER_ROLES, "gateway"])
    display_name = (display_name or username).strip()
    if not display_name or len(display_name) > DISPLAY_NAME_MAX:
        raise UserError("user.display_name_invalid", limit=DISPLAY_NAME_MAX)
    if role == Role.TOWN_STAFF and town_id is None:
        raise UserError("user.town_required")
    if role == Role.DEPARTMENT_STAFF and department_id is None:
        raise UserError("user.department_required")
    with Session(engine) as session, session.begin():
        town = department = None
        if town_id is not None:
            town = _find_unit(session, Town, town_id)
            if town is None:
                raise UserError("user.no_town", town=str(town_id))
        if department_id is not None:
            department = _find_unit(session, Department, department_id)
            if department is None:
                raise UserError("user.no_department", department=str(department_id))
        if session.scalars(select(User.id).where(User.username == username)).first() is not None:
            raise UserError("user.exists", username=username)
        conn = session.connection()
        if _is_pg(engine) and roles.role_exists(conn, username):
            raise UserError("user.login_role_exists", username=username)
        user = User(
            username=username,
            display_name=display_name,
            role=role,
            town_id=town.id if town is not None and role == Role.TOWN_STAFF else None,
            department_id=department.id if department is not None and role == Role.DEPARTMENT_STAFF else None,
            active=True,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError as exc:
            raise UserError("user.exists", username=username) from exc
        if _is_pg(engine):
            _server_call(lambda: roles.create_login(conn, username, password))
        return _as_dict(user, town, department)


def _server_call(call: Callable[[], _T]) -> _T:
    """Run a user-management function of the server; its refusals become a :class:`UserError`."""
    try:
        return call()
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        detail = str(getattr(getattr(exc.orig, "diag", None), "message_primary", "") or exc.orig)
        if state == "42501":
            raise UserError("user.server_denied", detail=detail) from exc
        if state in ("22023", "42704", "42710"):
            raise UserError("user.server_refused", detail=detail) from exc
        raise


def disable_user(engine: Engine, username: str) -> bool:
    """Lock the user out: the login becomes NOLOGIN and ``users.active`` false.

    Returns False when the user was already disabled. Their rows and audit history stay.
    """
    with Session(engine) as session, session.begin():
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise UserError("user.not_found", username=username)
        was_active = user.active
        user.active = False
        if _is_pg(engine):
            conn = session.connection()
            if roles.role_exists(conn, username):
                # NOLOGIN, and the sessions the user still has open in this database end.
                _server_call(lambda: roles.set_login(conn, username, enabled=False))
        return was_active


def enable_user(engine: Engine, username: str, password: str | None = None) -> None:
    """Undo :func:`disable_user` (optionally with a new password)."""
    with Session(engine) as session, session.begin():
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise UserError("user.not_found", username=username)
        user.active = True
        if _is_pg(engine):
            conn = session.connection()
            session.flush()
            if not roles.role_exists(conn, username):
                _server_call(lambda: roles.create_login(conn, username, password))
            else:
                _server_call(lambda: roles.set_login(conn, username, enabled=True))
                if password is not None:
                    _server_call(lambda: roles.set_password(conn, username, password))


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every user with role, unit, active flag and (PostgreSQL) whether their login works."""
    with Session(engine) as session:
        towns = {t.id: t for t in session.scalars(select(Town))}
        depts = {d.id: d for d in session.scalars(select(Department))}
        logins: dict[str, bool] = {}
        if _is_pg(engine):
            logins = {
                str(name): bool(can)
                for name, can in session.execute(text("select rolname, rolcanlogin from pg_roles"))
            }
        rows = []
        for user in session.scalars(select(User).order_by(User.id)):
            row = _as_dict(
                user,
                towns.get(user.town_id) if user.town_id else None,
                depts.get(user.department_id) if user.department_id else None,
            )
            row["login"] = logins.get(user.username, False) if _is_pg(engine) else None
            rows.append(row)
        return rows


def current_user(bind: Engine | Connection | Session) -> User | None:
    """The ``users`` row of the connected PostgreSQL login; None on SQLite or if there is none.

    On SQLite the app acts as the user chosen with ``--user`` (see :func:`user_by_name`).
    """
    if isinstance(bind, Session):
        if not _is_pg(bind.get_bind()):
            return None
        name = bind.execute(text("select session_user")).scalar_one()
        return bind.scalars(select(User).where(User.username == name)).one_or_none()
    if not _is_pg(bind):
        return None
    if isinstance(bind, Engine):
        with Session(bind) as session:
            user = current_user(session)
            if user is not None:
                session.expunge(user)
            return user
    with Session(bind=bind) as session:
        user = current_user(session)
        if user is not None:
            session.expunge(user)
        return user


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).one_or_none()


def _as_dict(user: User, town: Town | None, department: Department | None) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "town_id": user.town_id,
        "town": town.name if town is not None else None,
        "department_id": user.department_id,
        "department": department.name if department is not None else None,
        "active": user.active,
    }


__all__ = [
    "USER_ROLES",
    "UserError",
    "add_user",
    "current_user",
    "disable_user",
    "enable_user",
    "list_users",
    "unit_choices",
    "user_by_name",
]


# --- what the users pane offers (the interface writes no SQL) ---


def unit_choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The towns and the departments a user may belong to, each as (id, name) in code order."""
    towns = session.execute(select(Town.id, Town.name).order_by(Town.code, Town.id))
    departments = session.execute(
        select(Department.id, Department.name).order_by(Department.code, Department.id)
    )
    return [(int(i), str(n)) for i, n in towns], [(int(i), str(n)) for i, n in departments]
