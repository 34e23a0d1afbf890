"""Errors said in the user's language: the core's refusals (through ui.refusals) and failures to connect."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel

from ui.refusals import describe
from ui.text import fill, plain_label


def explain(exc: Exception) -> str:
    """What went wrong, for the user: a refusal of the core in the user's words (ui.refusals),
    anything else by its own text."""
    return describe(exc)


# --- connecting to a server -------------------------------------------------------------------

# What went wrong when connecting, decided from the driver's message (libpq's wording is stable
# across versions; psycopg does not carry an SQLSTATE for errors raised while connecting).
CONNECTION_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("schema_newer", ("is newer than this program",)),
    ("auth", ("password authentication failed", "no password supplied", "authentication failed")),
    ("disabled", ("is not permitted to log in", "account is disabled")),
    ("tls_required", ("no encryption",)),
    ("tls_unsupported", ("server does not support ssl", "ssl is not enabled on the server")),
    ("tls_failed", ("certificate", "ssl error", "ssl syscall", "ssl negotiation", "tls", "sslmode")),
    ("no_database", ("does not exist",)),
    ("dns", ("could not translate host name", "failed to resolve host", "name or service not known")),
    ("refused", ("connection refused", "no route to host", "network is unreachable")),
    ("timeout", ("timeout expired", "timed out", "canceling statement due to statement timeout")),
    (
        "lost",
        (
            "terminating connection",
            "server closed the connection",
            "connection is closed",
            "the connection is lost",
            "consuming input failed",
            "connection already closed",
        ),
    ),
    ("too_many", ("too many connections", "remaining connection slots")),
    ("permission", ("permission denied",)),
)


def connection_problem(exc: BaseException | str) -> str:
    """A short code for why a connection failed: auth, disabled, refused, dns, tls_…, …, other."""
    text = str(getattr(exc, "orig", None) or exc).lower() if not isinstance(exc, str) else exc.lower()
    for code, needles in CONNECTION_PATTERNS:
        if any(n in text for n in needles):
            return code
    return "other"


def first_line(exc: BaseException | str) -> str:
    text = str(getattr(exc, "orig", None) or exc) if not isinstance(exc, str) else exc
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def explain_connection(exc: BaseException | str, host: str = "", database: str = "") -> str:
    """Why connecting (or staying connected) failed, in words a user can act on; no stack trace.

    The driver's own first line is added in brackets for the administrator.
    """
    translate = QCoreApplication.translate
    code = connection_problem(exc)
    where = host or "?"
    texts = {
        "auth": translate("Errors", "Wrong user name or password."),
        "disabled": translate(
            "Errors", "This account is disabled. Ask the administrator to enable it again."
        ),
        "no_account": translate(
            "Errors",
            "The server accepted the login, but it has no Concord account. "
            "Ask the administrator to add you as a user.",
        ),
        "tls_required": translate(
            "Errors",
            "The server only accepts encrypted connections. Set the TLS mode of this profile to "
            "“require” or stricter.",
        ),
        "tls_unsupported": translate(
            "Errors",
            "The server does not offer an encrypted (TLS) connection, but this profile requires one. "
            "Ask the administrator, or change the TLS mode of the profile.",
        ),
        "tls_failed": translate(
            "Errors",
            "The encrypted (TLS) connection could not be set up: the server's certificate was not "
            "accepted. Check the TLS mode and the certificate with the administrator.",
        ),
        "no_database": fill(
            translate("Errors", "The server has no database named “%1”. Check the profile."), database or "?"
        ),
        "dns": fill(
            translate("Errors", "The server name “%1” cannot be found. Check the address and the network."),
            where,
        ),
        "refused": fill(
            translate(
                "Errors",
                "The server %1 cannot be reached or refused the connection. Check that the server is "
                "running and the address and port are right.",
            ),
            where,
        ),
        "timeout": fill(
            translate("Errors", "The server %1 did not answer in time. Check the network and try again."),
            where,
        ),
        "lost": translate("Errors", "The connection to the server was lost."),
        "too_many": translate(
            "Errors", "The server has no free connections right now. Try again in a moment."
        ),
        "permission": translate("Errors", "Your account lacks a permission it needs. Ask the administrator."),
        "schema_newer": translate(
            "Errors",
            "The database was created by a newer release of Concord than this one. "
            "Install the newer release to connect.",
        ),
        "schema_older": translate(
            "Errors",
            "The database schema is older than this program. Ask the administrator to run "
            "“python main.py db upgrade”.",
        ),
    }
    if isinstance(exc, str) and exc in texts:
        return texts[exc]
    message = texts.get(code, translate("Errors", "Cannot connect to the database."))
    return f"{message} ({first_line(exc)})"


def is_connection_error(exc: BaseException) -> bool:
    """A failure of the connection itself (server gone, network), not a refusal of the request."""
    from desktop.database import is_connection_error as lost

    return lost(exc)


def add_error_and_buttons(form: QFormLayout, dialog: QDialog, on_ok: Callable[[], None]) -> QLabel:
    """The foot of a form dialog: a red, wrapping line for what is wrong with the input, and
    OK (running ``on_ok``, which decides whether to accept) / Cancel. Returns the error label."""
    error = plain_label()  # the reason may quote what the user typed
    error.setStyleSheet("color: #b3261e")
    error.setWordWrap(True)
    form.addRow(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return error
