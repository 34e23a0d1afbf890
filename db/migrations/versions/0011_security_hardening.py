"""Security and integrity hardening of the central deployment (issue 13).

What 0008–0010 left open, each closed in the database itself so that raw SQL from any login is
held to it, not only the app's own paths:

- **Scope needs a users row of this database.** Group roles are cluster-wide, so every policy
  now also requires the connected login to have an active ``users`` row here whose role belongs
  to the policy's group (``concord_user_role()``); a dispatcher of another Concord database on the
  same server sees nothing here. Service logins (the gateway) get a ``users`` row too (role
  ``gateway``). ``db init-server`` adds the per-database CONNECT role (db.roles.connect_role).
- **Administrators manage users without CREATEROLE**, through owner-rights functions with a
  pinned search_path, argument checks and an allow-list of group roles:
  ``concord_create_login``, ``concord_set_login`` (ends the user's sessions in *this* database
  only) and ``concord_set_password``. They act only on logins of this database's users that hold
  no other rights (not superuser, not the owner, not in another Concord database).
- **Case numbers** come from ``concord_next_case_number(year)``; nobody but the owner may touch
  ``case_counters`` (RLS forced, no grants).
- **The audit trail names its real author.** ``case_events``/``meeting_events`` get
  ``actor_login`` (always ``session_user``, set by trigger), and a desktop user's event must name
  that user (id, name, role); only dispatchers, leaders and administrators may write the sweep's
  ``system`` events (escalate, supervision reminders); the gateway only ``report`` events of the
  cases it filed itself (``cases.created_by_login``), and photos only of its own cases and logs.
  ``meeting_events`` is append-only like ``case_events`` (both engines).
- **State changes go through the ladder.** A change of a case's status, level or SLA clock by a
  non-owner login must come with a ``case_events`` row of the same transaction that records the
  new state (deferred constraint trigger), so a direct ``UPDATE cases SET status = …`` fails.
- **meeting_participants** gets RLS: departments answer only their own invitations, people only
  their own.
- **Position partitions**: the gateway may only make partitions from 32 days back to 14 ahead.

The owner (and superusers) are exempt from the audit checks: migrations, the demo builder and
cron jobs run as the owner.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

GROUP_OF = {
    "concord_dispatcher": "dispatcher",
    "concord_leader": "leader",
    "concord_town_staff": "town_staff",
    "concord_department_staff": "department_staff",
    "concord_admin": "admin",
    "concord_auditor": "auditor",
    "concord_gateway": "gateway",
}
GROUPS = tuple(GROUP_OF)
USER_ROLES = tuple(GROUP_OF.values())
OLD_USER_ROLES = tuple(r for r in USER_ROLES if r != "gateway")
GATEWAY_WINDOW = (32, 14)  # days back, days ahead the gateway may make partitions for
SYSTEM_ACTIONS = ("escalate", "supervision_reminder", "supervision_overdue")
STATE_COLUMNS = (
    "status",
    "level",
    "sla_started_at",
    "sla_warn_at",
    "sla_due_at",
    "resolved_at",
    "closed_at",
    "resolved_level",
)


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


FUNCTIONS = f"""
-- The CONNECT role of this database (db.roles.connect_role computes the same name).
CREATE OR REPLACE FUNCTION concord_db_role() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT CASE WHEN length(current_database()) <= 52 THEN 'concord_db_' || current_database()
              ELSE 'concord_db_' || left(current_database(), 43) || '_' || left(md5(current_database()), 8)
         END
$$;
-- Whether the session's login is the owner of the schema (or a superuser): the function's owner.
CREATE OR REPLACE FUNCTION concord_session_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT pg_has_role(session_user, current_user, 'MEMBER')
$$;
-- The connected login's role here if it is one of ``roles``, else NULL. Policies test it with
-- IS NOT NULL on an init plan: the planner then keeps its row estimates (an "= ANY" test on the
-- role would count as 0.5 % selective and make it misplan every scoped query).
CREATE OR REPLACE FUNCTION concord_user_role_in(roles text[]) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT role FROM public.users WHERE username = session_user AND active AND role = ANY (roles)
$$;
CREATE OR REPLACE FUNCTION concord_user_id() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM public.users WHERE username = session_user AND active
$$;

-- Case numbers: one atomic increment per case, for every role that files cases.
CREATE OR REPLACE FUNCTION concord_next_case_number(p_year integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n integer;
BEGIN
  IF NOT concord_session_is_owner()
     AND coalesce(concord_user_role(), '') NOT IN
         ('dispatcher', 'leader', 'town_staff', 'department_staff', 'admin', 'gateway') THEN
    RAISE EXCEPTION 'no active user % in this database may number cases', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_year IS NULL OR p_year < 2000 OR p_year > 2200 THEN
    RAISE EXCEPTION 'case number year % out of range', p_year USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO public.case_counters AS c (year, last) VALUES (p_year, 1)
    ON CONFLICT (year) DO UPDATE SET last = c.last + 1
    RETURNING c.last INTO n;
  RETURN n;
END $$;

-- Rows a login filed itself (the gateway's photos and report events).
CREATE OR REPLACE FUNCTION concord_my_case(p_case bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.cases WHERE id = p_case AND created_by_login = session_user)
$$;
CREATE OR REPLACE FUNCTION concord_my_log(p_log bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.sentiment_logs WHERE id = p_log AND created_by_login = session_user)
$$;

-- Who really inserted a case or log; kept as it was on every update.
CREATE OR REPLACE FUNCTION concord_stamp_creator() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT concord_session_is_owner() OR NEW.created_by_login IS NULL THEN
      NEW.created_by_login := session_user;
    END IF;
  ELSE
    NEW.created_by_login := OLD.created_by_login;
  END IF;
  RETURN NEW;
END $$;

-- The author of an audit row is the connected login, and the actor it names is that user.
CREATE OR REPLACE FUNCTION concord_stamp_actor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  u record;
BEGIN
  NEW.actor_login := session_user;
  IF concord_session_is_owner() THEN
    RETURN NEW;
  END IF;
  SELECT id, display_name, role INTO u FROM public.users WHERE username = session_user AND active;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit refused: % is no active user of this database', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF u.role = 'gateway' THEN
    IF TG_TABLE_NAME = 'case_events' THEN
      IF NEW.actor_role = 'worker' AND NEW.action = 'report' AND NEW.actor_user_id IS NULL
         AND concord_my_case(NEW.case_id) THEN
        RETURN NEW;
      END IF;
    END IF;
    RAISE EXCEPTION 'audit refused: the gateway records only the reports it filed itself'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.actor_role = 'system' THEN
    IF TG_TABLE_NAME = 'case_events' THEN
      IF u.role IN ('dispatcher', 'leader', 'admin') AND NEW.actor_user_id IS NULL
         AND NEW.action IN ({_sql_list(SYSTEM_ACTIONS)}) THEN
        RETURN NEW;
      END IF;
    END IF;
    RAISE EXCEPTION 'audit refused: % may not write % events of the system', session_user, NEW.action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.actor_user_id IS DISTINCT FROM u.id OR NEW.actor_role IS DISTINCT FROM u.role
     OR NEW.actor_name IS DISTINCT FROM u.display_name THEN
    RAISE EXCEPTION 'audit refused: an event must name its author, % (%)', u.display_name, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

-- A change of a case's state by anyone but the owner needs its audit row in the same
-- transaction, naming the new state (checked at commit: the app writes the row after the update).
CREATE OR REPLACE FUNCTION concord_require_case_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF concord_session_is_owner() THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM public.case_events e
     WHERE e.case_id = NEW.id AND e.xmin = pg_current_xact_id()::xid
       AND e.to_status IS NOT DISTINCT FROM NEW.status AND e.to_level IS NOT DISTINCT FROM NEW.level
  ) THEN
    RAISE EXCEPTION 'case % changed state without an event on its timeline: use the ladder', NEW.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION concord_refuse_append_only_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- --- user management without CREATEROLE ------------------------------------------------------
CREATE OR REPLACE FUNCTION concord_may_manage_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT concord_session_is_owner()
      OR coalesce((SELECT role = 'admin' FROM public.users WHERE username = session_user AND active), false)
$$;

-- Refuses (raises) unless the caller may manage users here and p_name is a plain login of a
-- user of this database: valid name, a users row, and no rights beyond Concord's groups.
CREATE OR REPLACE FUNCTION concord_check_managed_login(p_name text, p_must_exist boolean) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  r record;
  v_role text;
BEGIN
  IF NOT concord_may_manage_users() THEN
    RAISE EXCEPTION 'only an administrator of this database may manage logins'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_name IS NULL OR p_name !~ '^[a-z][a-z0-9_]{{1,62}}$' OR p_name ~ '^(pg_|concord_)'
     OR p_name IN ('postgres', 'public', 'none', 'current_user', 'session_user', 'current_role') THEN
    RAISE EXCEPTION 'invalid login name %', p_name USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT u.role INTO v_role FROM public.users u WHERE u.username = p_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no user % in this database', p_name USING ERRCODE = 'undefined_object';
  END IF;
  SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = p_name;
  IF FOUND AND NOT p_must_exist THEN
    RAISE EXCEPTION 'a login named % exists already', p_name USING ERRCODE = 'duplicate_object';
  END IF;
  IF NOT FOUND AND p_must_exist THEN
    RAISE EXCEPTION 'no login named %', p_name USING ERRCODE = 'undefined_object';
  END IF;
  IF FOUND THEN
    IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
       OR pg_has_role(p_name, current_user, 'MEMBER') THEN
      RAISE EXCEPTION 'login % holds rights beyond Concord and is managed by the server administrator', p_name
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (
      SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
       WHERE m.member = r.oid
         AND g.rolname NOT IN ({_sql_list(GROUPS)})
         AND g.rolname <> concord_db_role()
    ) THEN
      RAISE EXCEPTION 'login % belongs to roles outside this database and is managed by the server administrator', p_name
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN CASE v_role
    WHEN 'dispatcher' THEN 'concord_dispatcher'
    WHEN 'leader' THEN 'concord_leader'
    WHEN 'town_staff' THEN 'concord_town_staff'
    WHEN 'department_staff' THEN 'concord_department_staff'
    WHEN 'admin' THEN 'concord_admin'
    WHEN 'auditor' THEN 'concord_auditor'
    WHEN 'gateway' THEN 'concord_gateway'
  END;
END $$;

CREATE OR REPLACE FUNCTION concord_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
  IF p_verifier IS NOT NULL
     AND p_verifier !~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'a password must be sent as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
  END IF;
END $$;

-- The login of the users row p_name (made first, in the same transaction), in its role's group.
CREATE OR REPLACE FUNCTION concord_create_login(p_name text, p_verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_group text := concord_check_managed_login(p_name, false);
BEGIN
  PERFORM concord_check_verifier(p_verifier);
  IF v_group IS NULL THEN
    RAISE EXCEPTION 'user % has no role with a login', p_name USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', p_name)
    || CASE WHEN p_verifier IS NULL THEN '' ELSE format(' PASSWORD %L', p_verifier) END;
  EXECUTE format('GRANT %I TO %I', v_group, p_name);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = concord_db_role()) THEN
    EXECUTE format('GRANT %I TO %I', concord_db_role(), p_name);
  END IF;
END $$;

-- LOGIN / NOLOGIN; a disabled user's open sessions in this database end. Returns how many.
CREATE OR REPLACE FUNCTION concord_set_login(p_name text, p_enabled boolean) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n integer := 0;
BEGIN
  PERFORM concord_check_managed_login(p_name, true);
  IF p_enabled THEN
    EXECUTE format('ALTER ROLE %I LOGIN', p_name);
    RETURN 0;
  END IF;
  EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
  BEGIN
    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO n FROM pg_catalog.pg_stat_activity
     WHERE usename = p_name AND datname = current_database() AND pid <> pg_backend_pid();
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'the open sessions of % could not be ended (the owner lacks pg_signal_backend)', p_name;
  END;
  RETURN n;
END $$;

CREATE OR REPLACE FUNCTION concord_set_password(p_name text, p_verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM concord_check_managed_login(p_name, true);
  PERFORM concord_check_verifier(p_verifier);
  IF p_verifier IS NULL THEN
    RAISE EXCEPTION 'no password given' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
END $$;
"""

FUNCTION_SIGNATURES = (
    "concord_db_role()",
    "concord_session_is_owner()",
    "concord_user_id()",
    "concord_user_role_in(text[])",
    "concord_next_case_number(integer)",
    "concord_my_case(bigint)",
    "concord_my_log(bigint)",
    "concord_stamp_creator()",
    "concord_stamp_actor()",
    "concord_require_case_event()",
    "concord_refuse_append_only_change()",
    "concord_may_manage_users()",
    "concord_check_managed_login(text, boolean)",
    "concord_check_verifier(text)",
    "concord_create_login(text, text)",
    "concord_set_login(text, boolean)",
    "concord_set_password(text, text)",
)
# Granted to every group (used inside policies or by every writer).
FOR_EVERYONE = (
    "concord_db_role()",
    "concord_session_is_owner()",
    "concord_user_id()",
    "concord_user_role_in(text[])",
    "concord_my_case(bigint)",
    "concord_my_log(bigint)",
)
FOR_ADMINS = (
    "concord_create_login(text, text)",
    "concord_set_login(text, boolean)",
    "concord_set_password(text, text)",
)
FOR_WRITERS = ("concord_next_case_number(integer)",)
WRITER_GROUPS = (
    "concord_dispatcher",
    "concord_leader",
    "concord_town_staff",
    "concord_department_staff",
    "concord_admin",
    "concord_gateway",
)


def _role_check(groups: list[str]) -> str:
    roles = sorted({GROUP_OF[g] for g in groups if g in GROUP_OF})
    return f"((SELECT concord_user_role_in('{{{','.join(roles)}}}'::text[])) IS NOT NULL)"


def _scope_every_policy() -> None:
    """AND each group policy with "the login has an active users row here of that group"."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT tablename, policyname, roles::text[] AS roles, cmd, qual, with_check FROM pg_policies "
            "WHERE schemaname = current_schema() AND policyname <> 'owner_all'"
        )
    ).all()
    for table, name, roles, _cmd, qual, check in rows:
        groups = [r for r in roles if r in GROUP_OF]
        if not groups:
            continue
        scope = _role_check(groups)
        parts = []
        if qual is not None:
            parts.append(f"USING ({scope} AND ({qual}))")
        if check is not None:
            parts.append(f"WITH CHECK ({scope} AND ({check}))")
        op.execute(f'ALTER POLICY "{name}" ON "{table}" ' + " ".join(parts))


def _policy(
    table: str, name: str, verb: str, groups: tuple[str, ...], using: str | None, check: str | None
) -> None:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {verb} TO {', '.join(groups)}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    op.execute(sql)


def upgrade() -> None:
    # Who really wrote a row: filled by trigger on PostgreSQL (NULL on the embedded SQLite shape,
    # where the one local user is the only writer).
    op.add_column("cases", sa.Column("created_by_login", sa.String(64), nullable=True))
    op.add_column("sentiment_logs", sa.Column("created_by_login", sa.String(64), nullable=True))
    op.add_column("case_events", sa.Column("actor_login", sa.String(64), nullable=True))
    op.add_column("meeting_events", sa.Column("actor_login", sa.String(64), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER meeting_events_no_{verb.lower()} BEFORE {verb} ON meeting_events "
                f"BEGIN SELECT RAISE(ABORT, 'meeting_events is append-only: {verb} refused'); END"
            )
        return

    # Service logins (the gateway) get a users row too, so that they are scoped to this database.
    op.execute("ALTER TABLE users DROP CONSTRAINT ck_users_role")
    op.execute(f"ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN ({_sql_list(USER_ROLES)}))")

    op.execute(FUNCTIONS)
    for fn in FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
    everyone = ", ".join(GROUPS)
    for fn in FOR_EVERYONE:
        op.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO {everyone}")
    for fn in FOR_WRITERS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO {', '.join(WRITER_GROUPS)}")
    for fn in FOR_ADMINS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO concord_admin")

    # Administrators and auditors read cases through a column list (no party fields): add the author.
    op.execute("GRANT SELECT (created_by_login) ON cases TO concord_admin, concord_auditor")

    # --- case numbers: only through the function ----------------------------------------------
    op.execute(f"REVOKE ALL ON case_counters FROM {everyone}")
    op.execute("ALTER TABLE case_counters ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE case_counters FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY owner_all ON case_counters TO CURRENT_USER USING (true) WITH CHECK (true)")

    # --- who wrote it -----------------------------------------------------------------------------
    for table in ("cases", "sentiment_logs"):
        op.execute(
            f"CREATE TRIGGER {table}_stamp_creator BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION concord_stamp_creator()"
        )
    for table in ("case_events", "meeting_events"):
        op.execute(
            f"CREATE TRIGGER {table}_stamp_actor BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION concord_stamp_actor()"
        )
    op.execute(
        "CREATE TRIGGER meeting_events_append_only BEFORE UPDATE OR DELETE ON meeting_events "
        "FOR EACH ROW EXECUTE FUNCTION concord_refuse_append_only_change()"
    )
    op.execute(
        "CREATE TRIGGER meeting_events_no_truncate BEFORE TRUNCATE ON meeting_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION concord_refuse_append_only_change()"
    )
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in STATE_COLUMNS)
    op.execute(
        "CREATE CONSTRAINT TRIGGER cases_state_needs_event AFTER UPDATE ON cases "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION concord_require_case_event()"
    )

    # --- the gateway: report events and photos of its own cases and logs only -----------------
    op.execute("DROP POLICY gateway_report ON case_events")
    _policy(
        "case_events",
        "gateway_report",
        "INSERT",
        ("concord_gateway",),
        None,
        "actor_role = 'worker' AND action = 'report' AND concord_my_case(case_id)",
    )
    op.execute("DROP POLICY gateway_report ON report_photos")
    _policy(
        "report_photos",
        "gateway_report",
        "INSERT",
        ("concord_gateway",),
        None,
        "(case_id IS NOT NULL AND concord_my_case(case_id)) OR (case_id IS NULL AND log_id IS NOT NULL "
        "AND concord_my_log(log_id))",
    )

    # --- meeting_participants: RLS --------------------------------------------------------------
    op.execute("ALTER TABLE meeting_participants ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE meeting_participants FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY owner_all ON meeting_participants TO CURRENT_USER USING (true) WITH CHECK (true)"
    )
    _policy(
        "meeting_participants",
        "all_rows",
        "ALL",
        ("concord_dispatcher", "concord_leader", "concord_admin"),
        "true",
        "true",
    )
    _policy(
        "meeting_participants",
        "all_read",
        "SELECT",
        ("concord_auditor", "concord_town_staff", "concord_department_staff"),
        "true",
        None,
    )
    own_dept = "department_id = (SELECT concord_user_department())"
    own_user = "user_id = (SELECT concord_user_id())"
    _policy(
        "meeting_participants",
        "dept_answer",
        "UPDATE",
        ("concord_department_staff",),
        f"{own_dept} OR {own_user}",
        f"{own_dept} OR {own_user}",
    )
    _policy("meeting_participants", "own_answer", "UPDATE", ("concord_town_staff",), own_user, own_user)

    # Every group policy now needs a users row of this database in the policy's group.
    _scope_every_policy()

    # --- position partitions: a window for everyone but the owner --------------------------------
    back, ahead = GATEWAY_WINDOW
    op.execute(
        "ALTER FUNCTION concord_make_position_partition(date) RENAME TO concord_make_position_partition_any"
    )
    op.execute("REVOKE ALL ON FUNCTION concord_make_position_partition_any(date) FROM PUBLIC")
    for group in ("concord_gateway", "concord_admin"):
        op.execute(f"REVOKE ALL ON FUNCTION concord_make_position_partition_any(date) FROM {group}")
    op.execute(
        f"""
        CREATE FUNCTION concord_make_position_partition(day date) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        BEGIN
          IF NOT concord_session_is_owner()
             AND (day IS NULL OR day < current_date - {back} OR day > current_date + {ahead}) THEN
            RAISE EXCEPTION 'a partition for % is outside the window of % days back and % ahead', day, {back}, {ahead}
              USING ERRCODE = 'invalid_parameter_value';
          END IF;
          RETURN concord_make_position_partition_any(day);
        END $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION concord_make_position_partition(date) FROM PUBLIC")
    op.execute(
        "GRANT EXECUTE ON FUNCTION concord_make_position_partition(date) TO concord_gateway, concord_admin"
    )


def _migration(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"db.migrations.versions.{name}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS concord_make_position_partition(date)")
        op.execute(
            "ALTER FUNCTION concord_make_position_partition_any(date) RENAME TO concord_make_position_partition"
        )
        op.execute(
            "GRANT EXECUTE ON FUNCTION concord_make_position_partition(date) TO concord_gateway, concord_admin"
        )
        op.execute("DROP TRIGGER IF EXISTS cases_state_needs_event ON cases")
        op.execute("DROP TRIGGER IF EXISTS meeting_events_no_truncate ON meeting_events")
        op.execute("DROP TRIGGER IF EXISTS meeting_events_append_only ON meeting_events")
        for table in ("case_events", "meeting_events"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_actor ON {table}")
        for table in ("cases", "sentiment_logs"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_creator ON {table}")
        for table in ("meeting_participants", "case_counters"):
            op.execute(
                "DO $$ DECLARE p record; BEGIN FOR p IN SELECT policyname FROM pg_policies "
                f"WHERE schemaname = current_schema() AND tablename = '{table}' "
                f"LOOP EXECUTE format('DROP POLICY %I ON {table}', p.policyname); END LOOP; END $$"
            )
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        # 0008's policies and grants exactly as they were (the rewritten ones are dropped).
        m0008 = _migration("0008_roles_rls")
        m0008.downgrade()
        m0008.upgrade()
        for fn in reversed(FUNCTION_SIGNATURES):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}")
        op.execute("DELETE FROM users WHERE role = 'gateway'")
        op.execute("ALTER TABLE users DROP CONSTRAINT ck_users_role")
        op.execute(
            f"ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN ({_sql_list(OLD_USER_ROLES)}))"
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS meeting_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS meeting_events_no_delete")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose SQLite's FTS and audit triggers.
    for table, column in (
        ("meeting_events", "actor_login"),
        ("case_events", "actor_login"),
        ("sentiment_logs", "created_by_login"),
        ("cases", "created_by_login"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
