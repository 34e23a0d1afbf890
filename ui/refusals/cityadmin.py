"""Refusals of the city administration of workers and grids (desktop/city_admin.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "cityadmin.admin_only": translate(
            "Refusals", "Only the system administrator may maintain workers and grids."
        ),
        "cityadmin.worker_name": translate(
            "Refusals", "The name must not be empty and at most {limit} characters long."
        ),
        "cityadmin.worker_code": translate(
            "Refusals", "The staff number must not be empty and at most {limit} characters long."
        ),
        "cityadmin.bad_phone": translate(
            "Refusals",
            "The telephone number “{phone}” is not valid (a mobile number of 11 digits, or a landline with its area code).",
        ),
        "cityadmin.device_id": translate(
            "Refusals", "The device number must not be empty and at most {limit} characters long."
        ),
        "cityadmin.no_grid": translate("Refusals", "The chosen grid does not exist."),
        "cityadmin.no_squad": translate("Refusals", "The chosen squad does not exist."),
        "cityadmin.squad_other_town": translate("Refusals", "The squad must belong to the town of the grid."),
        "cityadmin.code_taken": translate(
            "Refusals", "The staff number “{code}” is already used by another worker."
        ),
        "cityadmin.device_taken": translate(
            "Refusals", "The device number “{device}” is already used by another worker."
        ),
        "cityadmin.grid_inactive_add": translate(
            "Refusals", "The grid “{grid}” is deactivated; no worker can be placed in it."
        ),
        "cityadmin.no_worker": translate("Refusals", "This worker does not exist."),
        "cityadmin.grid_inactive_move": translate(
            "Refusals", "The grid “{grid}” is deactivated; no worker can be moved into it."
        ),
        "cityadmin.reason_required": translate("Refusals", "Please give a reason."),
        "cityadmin.worker_already_active": translate("Refusals", "This worker is already on duty."),
        "cityadmin.worker_already_inactive": translate("Refusals", "This worker is already deactivated."),
        "cityadmin.grid_inactive_reactivate": translate(
            "Refusals", "The grid “{grid}” is deactivated: first move the worker to a grid in use."
        ),
        "cityadmin.grid_code": translate(
            "Refusals", "The grid code must not be empty and at most {limit} characters long."
        ),
        "cityadmin.grid_name": translate(
            "Refusals", "The grid name must not be empty and at most {limit} characters long."
        ),
        "cityadmin.negative_counts": translate("Refusals", "Households and population cannot be negative."),
        "cityadmin.no_village": translate("Refusals", "The chosen village does not exist."),
        "cityadmin.grid_code_taken": translate("Refusals", "The grid code “{code}” is already in use."),
        "cityadmin.no_grid_record": translate("Refusals", "This grid does not exist."),
        "cityadmin.grid_has_workers_move": translate(
            "Refusals",
            "{count} workers on duty are still in the grid; it cannot move to a village of another town. Move the workers first.",
        ),
        "cityadmin.grid_outside_town": translate(
            "Refusals", "The grid's boundary is not within “{town}”; it cannot move to that village."
        ),
        "cityadmin.grid_already_active": translate("Refusals", "This grid is already in use."),
        "cityadmin.grid_already_inactive": translate("Refusals", "This grid is already deactivated."),
        "cityadmin.grid_has_workers": translate(
            "Refusals", "{count} workers on duty are still in the grid; move or deactivate them first."
        ),
    }
