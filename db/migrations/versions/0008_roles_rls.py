"""PostgreSQL group roles, grants and forced row-level security for the central deployment.

Every desktop user logs in as their own role, a member of one group role (db.roles). This
migration gives the groups their table privileges and turns on *forced* row-level security, so
the database itself decides which rows each login sees:

- dispatchers, leaders and administrators: every row; auditors: every row, read only;
- town staff: the cases, logs, workers, positions … of their town;
- department staff: the cases with an assignment (case_departments) or a meeting action item
  for their department, and what hangs off those cases;
- the gateway: inserts positions and reports and reads devices, workers and places; it cannot
  read cases (it gets case ids from the sequence before inserting, see db.roles).

Policies compare indexed columns with ``(select concord_user_town())``-style calls: STABLE
SECURITY DEFINER helpers that read the connected login's ``users`` row once per query. The table
owner keeps an all-rows policy (FORCE makes it subject to RLS too). Party personal fields
(cases.party_*) are readable only by the roles that work with parties (column privileges).
Audit tables (case_events, meeting_events) are INSERT/SELECT only for every group.

PostgreSQL only; a no-op on SQLite.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DISPATCHER = "concord_dispatcher"
LEADER = "concord_leader"
TOWN = "concord_town_staff"
DEPT = "concord_department_staff"
ADMIN = "concord_admin"
AUDITOR = "concord_auditor"
GATEWAY = "concord_gateway"
GROUPS = (DISPATCHER, LEADER, TOWN, DEPT, ADMIN, AUDITOR, GATEWAY)
DESKTOP = (DISPATCHER, LEADER, TOWN, DEPT, ADMIN, AUDITOR)
ALL_ROWS = (DISPATCHER, LEADER, ADMIN, AUDITOR)  # roles that see every row of scoped tables
WRITERS = (DISPATCHER, LEADER, TOWN, DEPT, ADMIN)

PLACES = ("cities", "towns", "villages", "grids", "departments", "brigades", "squads", "rooms")
PERSONAL = ("party_names", "party_phones", "party_id_numbers")
CASE_COLUMNS = (
    "id, number, kind, category, title, description, lat, lon, town_id, village_id, grid_id, "
    "reporter_worker_id, reporter_name, parties_count, severity, mass_incident, sensitive_period, "
    "status, level, owner_unit, assignee_user_id, reported_at, updated_at, sla_started_at, "
    "sla_warn_at, sla_due_at, resolved_at, closed_at, resolved_level, satisfaction, source_log_id, "
    "version"
)
# Tables with row-level security, and the tables whose rows belong to a case.
RLS_TABLES = (
    "cases",
    "case_departments",
    "case_links",
    "case_events",
    "supervision_orders",
    "sentiment_logs",
    "report_photos",
    "workers",
    "village_helpers",
    "positions",
    "worker_latest",
    "agenda_items",
    "action_items",
)

FUNCTIONS = """
CREATE OR REPLACE FUNCTION concord_user_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT role FROM public.users WHERE username = session_user AND active
$$;
CREATE OR REPLACE FUNCTION concord_user_town() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT town_id FROM public.users WHERE username = session_user AND active
$$;
CREATE OR REPLACE FUNCTION concord_user_department() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT department_id FROM public.users WHERE username = session_user AND active
$$;
-- The cases a department works on: assigned to it, or named in one of its meeting action items.
CREATE OR REPLACE FUNCTION concord_department_case_ids() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH me AS (
    SELECT department_id FROM public.users WHERE username = session_user AND active
  )
  SELECT coalesce(array_agg(DISTINCT c), '{}') FROM (
    SELECT cd.case_id AS c FROM public.case_departments cd, me WHERE cd.department_id = me.department_id
    UNION
    SELECT ai.case_id FROM public.action_items ai, me
      WHERE ai.department_id = me.department_id AND ai.case_id IS NOT NULL
  ) s
$$;
CREATE OR REPLACE FUNCTION concord_town_worker_ids() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(w.id), '{}') FROM public.workers w
   WHERE w.town_id = (SELECT town_id FROM public.users WHERE username = session_user AND active)
$$;
-- The same masks as desktop.cases.detail (mask_name, mask_phone, mask_id_number) over a 、-list.
CREATE OR REPLACE FUNCTION concord_mask_list(v text, what text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT coalesce(string_agg(
    CASE what
      WHEN 'name' THEN left(p, 1) || repeat('*', greatest(length(p) - 1, 1))
      WHEN 'phone' THEN CASE WHEN length(p) >= 8 THEN left(p, 3) || '****' || right(p, 4)
                             ELSE repeat('*', length(p)) END
      ELSE CASE WHEN length(p) > 10 THEN left(p, 6) || repeat('*', length(p) - 10) || right(p, 4)
                ELSE repeat('*', length(p)) END
    END, '、' ORDER BY n), '')
  FROM (SELECT btrim(x) AS p, n FROM regexp_split_to_table(replace(coalesce(v, ''), ',', '、'), '、')
        WITH ORDINALITY AS t(x, n)) s
  WHERE p <> ''
$$;
-- Masked party fields for the roles that may not read them (auditors, administrators), who see
-- every case anyway; EXECUTE is granted to those groups only.
CREATE OR REPLACE FUNCTION concord_case_parties_masked(case_id bigint)
RETURNS TABLE (party_names text, party_phones text, party_id_numbers text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT concord_mask_list(c.party_names, 'name'), concord_mask_list(c.party_phones, 'phone'),
         concord_mask_list(c.party_id_numbers, 'id')
    FROM public.cases c WHERE c.id = case_id
$$;
"""

FUNCTION_NAMES = (
    "concord_user_role()",
    "concord_user_town()",
    "concord_user_department()",
    "concord_department_case_ids()",
    "concord_town_worker_ids()",
    "concord_mask_list(text, text)",
    "concord_case_parties_masked(bigint)",
)

MY_TOWN = "(SELECT concord_user_town())"
MY_DEPT = "(SELECT concord_user_department())"
DEPT_CASES = "(SELECT concord_department_case_ids())::bigint[]"
TOWN_CASE = "case_id IN (SELECT c.id FROM cases c WHERE c.town_id = (SELECT concord_user_town()))"
TOWN_WORKERS = "(SELECT concord_town_worker_ids())::integer[]"


def _roles(*names: str) -> str:
    return ", ".join(names)


def _grant(privs: str, tables: str | tuple[str, ...], *roles: str) -> None:
    names = tables if isinstance(tables, str) else ", ".join(tables)
    op.execute(f"GRANT {privs} ON {names} TO {_roles(*roles)}")


def _policy(
    table: str, name: str, verb: str, roles: tuple[str, ...], using: str | None, check: str | None
) -> None:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {verb} TO {_roles(*roles)}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    op.execute(sql)


def _all_verbs(table: str, name: str, roles: tuple[str, ...], expr: str) -> None:
    _policy(table, name, "ALL", roles, expr, expr)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in GROUPS:
        op.execute(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {name} NOLOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    op.execute(FUNCTIONS)
    for fn in FUNCTION_NAMES:
        op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
    scoped = FUNCTION_NAMES[:5]
    for fn in scoped:
        op.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO {_roles(*GROUPS)}")
    op.execute(f"GRANT EXECUTE ON FUNCTION concord_mask_list(text, text) TO {_roles(*DESKTOP)}")
    op.execute(f"GRANT EXECUTE ON FUNCTION concord_case_parties_masked(bigint) TO {ADMIN}, {AUDITOR}")

    op.execute(f"GRANT USAGE ON SCHEMA public TO {_roles(*GROUPS)}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_roles(*WRITERS, GATEWAY)}")
    # Every app start checks the schema version.
    _grant("SELECT", "alembic_version", *GROUPS)

    # --- places, units, people: readable by everyone who works with them ---------------------
    _grant("SELECT", PLACES, *DESKTOP)
    _grant("SELECT", ("cities", "towns", "villages", "grids"), GATEWAY)
    _grant("INSERT, UPDATE, DELETE", PLACES, ADMIN)
    _grant("SELECT", ("village_helpers", "users"), *DESKTOP)
    _grant("INSERT, UPDATE", ("village_helpers", "users"), ADMIN)
    _grant("SELECT", "device_credentials", DISPATCHER, ADMIN, AUDITOR, GATEWAY)
    _grant("INSERT, UPDATE", "device_credentials", DISPATCHER, ADMIN)

    # --- cases: party personal fields only for the roles that work with the parties -----------
    _grant("SELECT, INSERT, UPDATE", "cases", DISPATCHER, LEADER, TOWN)
    _grant("SELECT, UPDATE", "cases", DEPT)
    _grant(f"SELECT ({CASE_COLUMNS})", "cases", ADMIN, AUDITOR)
    _grant(f"UPDATE ({CASE_COLUMNS})", "cases", ADMIN)
    _grant("INSERT", "cases", ADMIN, GATEWAY)
    _grant("SELECT", ("case_departments", "case_links", "supervision_orders", "case_events"), *DESKTOP)
    _grant("INSERT, DELETE", ("case_departments", "case_links"), *WRITERS)
    _grant("INSERT, UPDATE", "supervision_orders", *WRITERS)
    # Audit: append and read only. Nobody but the owner may UPDATE/DELETE/TRUNCATE (and the
    # append-only triggers refuse even the owner's UPDATE/DELETE).
    _grant("INSERT", "case_events", *WRITERS, GATEWAY)
    _grant("SELECT, INSERT, UPDATE", "case_counters", *WRITERS, GATEWAY)
    # The outbox holds ids only; record_change reads its new id back (RETURNING).
    _grant("SELECT", "changes", *DESKTOP, GATEWAY)
    _grant("INSERT", "changes", *WRITERS, GATEWAY)

    # --- field data -------------------------------------------------------------------------
    _grant("SELECT", ("sentiment_logs", "report_photos"), *DESKTOP)
    _grant("INSERT, UPDATE", "sentiment_logs", *WRITERS)
    _grant("INSERT", ("sentiment_logs", "report_photos"), GATEWAY)
    _grant("SELECT", ("workers", "positions", "worker_latest", "seq_counters"), *DESKTOP, GATEWAY)
    _grant("UPDATE", "workers", DISPATCHER, ADMIN, TOWN)
    _grant("INSERT", "workers", DISPATCHER, ADMIN)
    _grant("INSERT", "positions", GATEWAY)
    _grant("INSERT, UPDATE", ("worker_latest", "seq_counters"), GATEWAY)
    _grant("SELECT, INSERT, UPDATE, DELETE", "idempotency_keys", GATEWAY)

    # --- meetings ---------------------------------------------------------------------------
    meeting_tables = (
        "meetings",
        "meeting_participants",
        "agenda_items",
        "meeting_minutes",
        "action_items",
        "busy_times",
    )
    _grant("SELECT", (*meeting_tables, "meeting_events"), *DESKTOP)
    _grant("INSERT, UPDATE, DELETE", meeting_tables, DISPATCHER, LEADER, ADMIN)
    _grant("UPDATE", ("action_items", "meeting_participants"), DEPT, TOWN)
    _grant("INSERT", "meeting_events", *WRITERS)
    _grant("INSERT, UPDATE", "supervision_orders", DEPT)

    # --- row-level security ------------------------------------------------------------------
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        # The owner (who runs migrations and maintenance) keeps every row.
        op.execute(f"CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true)")

    # cases
    _policy("cases", "all_read", "SELECT", ALL_ROWS, "true", None)
    _policy("cases", "all_write", "INSERT", (DISPATCHER, LEADER, ADMIN), None, "true")
    _policy("cases", "all_update", "UPDATE", (DISPATCHER, LEADER, ADMIN), "true", "true")
    _all_verbs("cases", "town_scope", (TOWN,), f"town_id = {MY_TOWN}")
    _policy("cases", "dept_read", "SELECT", (DEPT,), f"id = ANY ({DEPT_CASES})", None)
    _policy("cases", "dept_update", "UPDATE", (DEPT,), f"id = ANY ({DEPT_CASES})", f"id = ANY ({DEPT_CASES})")
    # The gateway files new village-level reports; it never reads a case back.
    _policy("cases", "gateway_report", "INSERT", (GATEWAY,), None, "status = 'reported' AND version = 1")

    # Rows that belong to a case: visible and writable where the case is. Per group, so that the
    # all-rows roles pay nothing and the scoped ones get an uncorrelated (hashed) subquery or an
    # array, not a per-row EXISTS (which also made the planner's estimates, and JIT, explode).
    for table in ("case_departments", "case_links", "supervision_orders", "case_events"):
        _policy(table, "all_read", "SELECT", ALL_ROWS, "true", None)
        _policy(table, "town_read", "SELECT", (TOWN,), TOWN_CASE, None)
        _policy(table, "dept_read", "SELECT", (DEPT,), f"case_id = ANY ({DEPT_CASES})", None)
        _policy(table, "all_insert", "INSERT", (DISPATCHER, LEADER, ADMIN), None, "true")
        _policy(table, "town_insert", "INSERT", (TOWN,), None, TOWN_CASE)
        _policy(table, "dept_insert", "INSERT", (DEPT,), None, f"case_id = ANY ({DEPT_CASES})")
        if table in ("case_departments", "case_links"):
            _policy(table, "all_delete", "DELETE", (DISPATCHER, LEADER, ADMIN), "true", None)
            _policy(table, "town_delete", "DELETE", (TOWN,), TOWN_CASE, None)
            _policy(table, "dept_delete", "DELETE", (DEPT,), f"case_id = ANY ({DEPT_CASES})", None)
        if table == "supervision_orders":
            _policy(table, "all_update", "UPDATE", (DISPATCHER, LEADER, ADMIN), "true", "true")
            _policy(table, "town_update", "UPDATE", (TOWN,), TOWN_CASE, TOWN_CASE)
            dept = f"case_id = ANY ({DEPT_CASES})"
            _policy(table, "dept_update", "UPDATE", (DEPT,), dept, dept)
    _policy("case_events", "gateway_report", "INSERT", (GATEWAY,), None, "actor_role = 'worker'")

    # sentiment logs and photos
    _policy("sentiment_logs", "all_read", "SELECT", ALL_ROWS, "true", None)
    _all_verbs("sentiment_logs", "all_write", (DISPATCHER, LEADER, ADMIN), "true")
    _all_verbs("sentiment_logs", "town_scope", (TOWN,), f"town_id = {MY_TOWN}")
    _policy("sentiment_logs", "dept_read", "SELECT", (DEPT,), f"case_id = ANY ({DEPT_CASES})", None)
    _policy("sentiment_logs", "gateway_report", "INSERT", (GATEWAY,), None, "case_id IS NULL")
    _policy(
        "report_photos",
        "owner_visible",
        "SELECT",
        DESKTOP,
        "(case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = report_photos.case_id)) "
        "OR (log_id IS NOT NULL AND EXISTS (SELECT 1 FROM sentiment_logs l WHERE l.id = report_photos.log_id))",
        None,
    )
    _policy("report_photos", "gateway_report", "INSERT", (GATEWAY,), None, "true")

    # workers and their positions
    _policy("workers", "all_read", "SELECT", (*ALL_ROWS, DEPT, GATEWAY), "true", None)
    _all_verbs("workers", "all_write", (DISPATCHER, ADMIN), "true")
    _all_verbs("workers", "town_scope", (TOWN,), f"town_id = {MY_TOWN}")
    # liaison officers and volunteers (names and phones) of the villages
    _policy("village_helpers", "all_read", "SELECT", (*ALL_ROWS, DEPT), "true", None)
    _all_verbs("village_helpers", "admin_write", (ADMIN,), "true")
    _policy("village_helpers", "town_read", "SELECT", (TOWN,), f"town_id = {MY_TOWN}", None)
    for table in ("positions", "worker_latest"):
        _policy(table, "all_read", "SELECT", (*ALL_ROWS, DEPT, GATEWAY), "true", None)
        _policy(table, "town_scope", "SELECT", (TOWN,), f"worker_id = ANY ({TOWN_WORKERS})", None)
        _policy(table, "gateway_insert", "INSERT", (GATEWAY,), None, "true")
    _policy("worker_latest", "gateway_update", "UPDATE", (GATEWAY,), "true", "true")

    # meeting agenda and action items: a case's snapshot is seen where the case is
    for table in ("agenda_items", "action_items"):
        _policy(table, "all_rows", "ALL", (DISPATCHER, LEADER, ADMIN), "true", "true")
        _policy(table, "all_read", "SELECT", (AUDITOR,), "true", None)
        _policy(table, "town_read", "SELECT", (TOWN,), f"case_id IS NULL OR {TOWN_CASE}", None)
        _policy(
            table, "dept_read", "SELECT", (DEPT,), f"case_id IS NULL OR case_id = ANY ({DEPT_CASES})", None
        )
    _policy("action_items", "dept_own", "SELECT", (DEPT,), f"department_id = {MY_DEPT}", None)
    _policy(
        "action_items",
        "dept_update",
        "UPDATE",
        (DEPT,),
        f"department_id = {MY_DEPT}",
        f"department_id = {MY_DEPT}",
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in RLS_TABLES:
        op.execute(
            "DO $$ DECLARE p record; BEGIN "
            f"FOR p IN SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = '{table}' "
            f"LOOP EXECUTE format('DROP POLICY %I ON {table}', p.policyname); END LOOP; END $$"
        )
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    groups = _roles(*GROUPS)
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {groups}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {groups}")
    op.execute(f"REVOKE USAGE ON SCHEMA public FROM {groups}")
    for fn in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {fn}")
