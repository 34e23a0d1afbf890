"""Refusals and file problems of the city import (desktop/cityimport.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "cityimport.geometry_missing": translate("Refusals", "“{name}” ({item}): the boundary is missing."),
        "cityimport.geometry_unparsable": translate(
            "Refusals", "“{name}” ({item}): the boundary cannot be read."
        ),
        "cityimport.geometry_not_polygon": translate(
            "Refusals",
            "“{name}” ({item}): the boundary must be an area (Polygon/MultiPolygon), not a {geom_type}.",
        ),
        "cityimport.geometry_empty": translate("Refusals", "“{name}” ({item}): the boundary is empty."),
        "cityimport.geometry_projected": translate(
            "Refusals",
            "“{name}” ({item}): the coordinates are outside longitude/latitude; the file may use a projected coordinate system. Convert it to WGS84 (EPSG:4326).",
        ),
        "cityimport.geometry_self_intersection": translate(
            "Refusals", "“{name}” ({item}): the boundary is invalid: it intersects itself {where}"
        ),
        "cityimport.geometry_invalid": translate(
            "Refusals", "“{name}” ({item}): the boundary is invalid: {reason}"
        ),
        "cityimport.excel_unreadable": translate("Refusals", "The Excel file cannot be read ({detail})."),
        "cityimport.roster_format": translate("Refusals", "Rosters can only be CSV or XLSX files."),
        "cityimport.encoding": translate(
            "Refusals", "The file's encoding is not recognised; save it as UTF-8."
        ),
        "cityimport.geojson_invalid": translate("Refusals", "This is not valid GeoJSON ({detail})."),
        "cityimport.geojson_not_collection": translate(
            "Refusals", "The GeoJSON must be a FeatureCollection."
        ),
        "cityimport.crs_unsupported": translate(
            "Refusals",
            "The coordinate system “{crs}” is not supported. Convert it to WGS84 longitude/latitude (EPSG:4326) first.",
        ),
        "cityimport.shapefile_unreadable": translate("Refusals", "The Shapefile cannot be read ({detail})."),
        "cityimport.boundary_format": translate(
            "Refusals", "Boundaries can only be GeoJSON or Shapefile (.shp)."
        ),
        "cityimport.code_missing": translate("Refusals", "The code is missing."),
        "cityimport.code_too_long": translate(
            "Refusals", "The code “{item}” is too long (at most {limit} characters)."
        ),
        "cityimport.name_missing": translate("Refusals", "“{item}” has no name."),
        "cityimport.code_repeated": translate(
            "Refusals", "The code “{item}” appears twice (the same as row {first_row})."
        ),
        "cityimport.parent_missing": translate("Refusals", "“{name}” ({item}) has no parent code."),
        "cityimport.population_invalid": translate(
            "Refusals", "The population of “{name}” ({item}), “{value}”, is not a whole number of at least 0."
        ),
        "cityimport.households_invalid": translate(
            "Refusals",
            "The households of “{name}” ({item}), “{value}”, are not a whole number of at least 0.",
        ),
        "cityimport.town_outside_city": translate(
            "Refusals", "The town “{name}” ({item}) extends beyond the city."
        ),
        "cityimport.village_town_unknown": translate(
            "Refusals", "The town “{town}” of the village “{name}” ({item}) does not exist."
        ),
        "cityimport.village_outside_town": translate(
            "Refusals", "The village “{name}” ({item}) is not within its town “{town}”."
        ),
        "cityimport.grid_village_unknown": translate(
            "Refusals", "The village “{village}” of the grid “{name}” ({item}) does not exist."
        ),
        "cityimport.grid_outside_town": translate(
            "Refusals", "The grid “{name}” ({item}) extends beyond its town “{town}”."
        ),
        "cityimport.department_incomplete": translate("Refusals", "A department has no code or no name."),
        "cityimport.department_repeated": translate(
            "Refusals", "The department code “{item}” appears twice (the same as row {first_row})."
        ),
        "cityimport.squad_incomplete": translate("Refusals", "A squad has no town code or no name."),
        "cityimport.squad_town_unknown": translate(
            "Refusals", "The town “{town}” of the squad “{name}” does not exist."
        ),
        "cityimport.squad_repeated": translate(
            "Refusals", "The squad “{name}” appears twice in the town “{town}” (the same as row {first_row})."
        ),
        "cityimport.worker_incomplete": translate("Refusals", "A worker has no staff number or no name."),
        "cityimport.worker_repeated": translate(
            "Refusals", "The staff number “{item}” appears twice (the same as row {first_row})."
        ),
        "cityimport.worker_phone": translate(
            "Refusals", "The telephone “{phone}” of the worker “{name}” is not valid."
        ),
        "cityimport.worker_grid_unknown": translate(
            "Refusals", "The grid “{grid}” of the worker “{name}” does not exist."
        ),
        "cityimport.worker_active_unknown": translate(
            "Refusals", "The duty state “{value}” of the worker “{name}” is not recognised (yes/no)."
        ),
        "cityimport.worker_grid_inactive": translate(
            "Refusals", "The grid “{grid}” of the worker “{name}” is deactivated."
        ),
        "cityimport.worker_squad_unknown": translate(
            "Refusals", "The squad “{squad}” of the worker “{name}” does not exist in the town “{town}”."
        ),
        "cityimport.device_incomplete": translate(
            "Refusals", "A device has no device number or no staff number."
        ),
        "cityimport.device_worker_unknown": translate(
            "Refusals", "The staff number “{worker}” of the device “{device}” does not exist."
        ),
        "cityimport.device_twice": translate("Refusals", "The worker “{worker}” has more than one device."),
        "cityimport.worker_no_device": translate(
            "Refusals",
            "The worker “{name}” has no device number (give it in the roster or the device roster).",
        ),
        "cityimport.device_too_long": translate("Refusals", "The device number “{device}” is too long."),
        "cityimport.device_taken": translate(
            "Refusals", "The device number “{device}” is already used by another worker."
        ),
        "cityimport.helper_incomplete": translate(
            "Refusals", "A liaison officer has no village code or no name."
        ),
        "cityimport.helper_village_unknown": translate(
            "Refusals", "The village “{village}” of the liaison officer “{name}” does not exist."
        ),
        "cityimport.helper_kind_invalid": translate(
            "Refusals",
            "The kind “{value}” of the liaison officer “{name}” is not valid (liaison officer/volunteer).",
        ),
        "cityimport.helper_phone": translate(
            "Refusals", "The telephone “{phone}” of the liaison officer “{name}” is not valid."
        ),
        "cityimport.helper_repeated": translate(
            "Refusals",
            "The liaison officer “{name}” appears twice in the village “{village}” (the same as row {first_row}).",
        ),
        "cityimport.username_invalid": translate(
            "Refusals",
            "The user name “{username}” is not valid: only lower-case letters, digits and underscores, starting with a letter.",
        ),
        "cityimport.username_repeated": translate(
            "Refusals", "The user name “{username}” appears twice (the same as row {first_row})."
        ),
        "cityimport.user_role_invalid": translate(
            "Refusals", "The role “{value}” of the user “{username}” is not valid."
        ),
        "cityimport.user_town_unknown": translate(
            "Refusals", "The town “{town}” of the user “{username}” does not exist."
        ),
        "cityimport.user_department_unknown": translate(
            "Refusals", "The department “{department}” of the user “{username}” does not exist."
        ),
        "cityimport.login_role_exists": translate(
            "Refusals",
            "The database server already has a login role named “{username}”; choose another user name.",
        ),
        "cityimport.user_role_differs": translate(
            "Refusals",
            "The user “{username}” exists with another role: change roles under “Users and logins”.",
        ),
        "cityimport.kind_unknown": translate(
            "Refusals",
            "What the file holds cannot be told from its name; name it as “kind=file” (e.g. grids=边界.shp).",
        ),
        "cityimport.kind_twice": translate("Refusals", "There can be only one file of {kind}."),
        "cityimport.file_missing": translate("Refusals", "The file does not exist."),
        "cityimport.file_unreadable": translate("Refusals", "The file cannot be read ({detail})."),
        "cityimport.file_empty": translate("Refusals", "The file holds no data."),
        "cityimport.no_files": translate("Refusals", "No file was chosen."),
    }
