"""Refusals of the city administration of workers and grids (desktop/city_admin.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "cityadmin.admin_only": tr(
            "Refusals", "Only the system administrator may maintain workers and grids."
        ),
        "cityadmin.worker_name": tr(
            "Refusals", "The name must not be empty and at most {limit} characters long."
        ),
        "cityadmin.worker_code": tr(
            "Refusals", "The staff number must not be empty and at most {limit} characters long."
        ),
        "cityadmin.bad_phone": tr(
            "Refusals",
            "The telephone number “{phone}” is not valid (a mobile number of 11 digits, or a landline with its area code).",
        ),
        "cityadmin.device_id": tr(
            "Refusals", "The device number must not be empty and at most {limit} characters long."
        ),
        "cityadmin.no_grid": tr("Refusals", "The chosen grid does not exist."),
        "cityadmin.no_squad": tr("Refusals", "The chosen squad does not exist."),
        "cityadmin.squad_other_town": tr("Refusals", "The squad must belong to the town of the grid."),
        "cityadmin.code_taken": tr(
            "Refusals", "The staff number “{code}” is already used by another worker."
        ),
        "cityadmin.device_taken": tr(
            "Refusals", "The device number “{device}” is already used by another worker."
        ),
        "cityadmin.grid_inactive_add": tr(
            "Refusals", "The grid “{grid}” is deactivated; no worker can be placed in it."
        ),
        "cityadmin.no_worker": tr("Refusals", "This worker does not exist."),
        "cityadmin.grid_inactive_move": tr(
            "Refusals", "The grid “{grid}” is deactivated; no worker can be moved into it."
        ),
        "cityadmin.reason_required": tr("Refusals", "Please give a reason."),
        "cityadmin.worker_already_active": tr("Refusals", "This worker is already on duty."),
        "cityadmin.worker_already_inactive": tr("Refusals", "This worker is already deactivated."),
        "cityadmin.grid_inactive_reactivate": tr(
            "Refusals", "The grid “{grid}” is deactivated: first move the worker to a grid in use."
        ),
        "cityadmin.grid_code": tr(
            "Refusals", "The grid code must not be empty and at most {limit} characters long."
        ),
        "cityadmin.grid_name": tr(
            "Refusals", "The grid name must not be empty and at most {limit} characters long."
        ),
        "cityadmin.negative_counts": tr("Refusals", "Households and population cannot be negative."),
        "cityadmin.no_village": tr("Refusals", "The chosen village does not exist."),
        "cityadmin.grid_code_taken": tr("Refusals", "The grid code “{code}” is already in use."),
        "cityadmin.no_grid_record": tr("Refusals", "This grid does not exist."),
        "cityadmin.grid_has_workers_move": tr(
            "Refusals",
            "{count} workers on duty are still in the grid; it cannot move to a village of another town. Move the workers first.",
        ),
        "cityadmin.grid_outside_town": tr(
            "Refusals", "The grid's boundary is not within “{town}”; it cannot move to that village."
        ),
        "cityadmin.grid_already_active": tr("Refusals", "This grid is already in use."),
        "cityadmin.grid_already_inactive": tr("Refusals", "This grid is already deactivated."),
        "cityadmin.grid_has_workers": tr(
            "Refusals", "{count} workers on duty are still in the grid; move or deactivate them first."
        ),
    }
