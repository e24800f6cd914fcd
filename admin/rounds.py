"""The reporting-round pages: the rounds, a round's board (by city and by department), review, and its files.

Everyone signed in sees the board's counts. A region's account sees its own region's cells, its pending
figures marked 待审核; a reviewer sees the figures waiting for their review with the checks they raised
and the submitters' explanations, and accepts or returns them (with a reason). The office (administrators)
opens and closes rounds. The store checks every permission itself (:mod:`sdplan.store.review`).
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from sdplan import beijing
from sdplan.catalog import load_catalog
from sdplan.i18n import t
from sdplan.store.auth import within
from sdplan.store.db import get_engine
from sdplan.store.review import accept, return_cells, reviewable
from sdplan.store.round_files import audit_xlsx, chase_xlsx, named
from sdplan.store.rounds import STATUSES, board, cells, close_round, get_round, list_rounds, open_round
from sdplan.translations import in_language

from .pages import blueprint, lang, me, page, signed_in
from .views import clean_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_REASON = 500


@blueprint.get("/rounds")
@signed_in
def show_rounds() -> ResponseReturnValue:
    indicators = [{"id": i.id, "name": i.name(lang())} for i in load_catalog().indicators.values()]
    return page("rounds.html", rounds=list_rounds(get_engine()), indicators=indicators,
                today=beijing.now().date().isoformat())


@blueprint.post("/rounds")
@signed_in
def open_round_page() -> ResponseReturnValue:
    form = request.form
    regions = [r for r in clean_text(form.get("regions") or "", 2000).replace("，", ",").split(",") if r.strip()]
    round_id = open_round(get_engine(), me(), title=clean_text(form.get("title") or "", 200),
                          period=clean_text(form.get("period") or "", 7), deadline=clean_text(form.get("deadline") or "", 10),
                          indicators=form.getlist("indicator"), regions=[r.strip() for r in regions] or None)
    flash(t("admin_round_opened", lang(), id=round_id))
    return redirect(url_for("admin.show_round", round_id=round_id))


@blueprint.get("/rounds/<int:round_id>")
@signed_in
def show_round(round_id: int) -> ResponseReturnValue:
    engine = get_engine()
    with engine.connect() as conn:
        found = get_round(conn, round_id)
    frame = named(cells(engine, round_id), lang())
    overdue = found.overdue(beijing.now().date())
    user = me()
    records = frame.to_dict("records")
    to_review = [c for c in records if reviewable(user, c)]
    mine = [c for c in records if user.regional and within(user, c["adcode"])]
    by_city = board(frame, "city", overdue).reset_index()
    by_city["name"] = by_city["city"].map(dict(zip(frame["city"], frame["city_name"], strict=True)))
    by_department = board(frame, "department", overdue).reset_index()
    by_department["name"] = by_department["department"].map(lambda d: in_language(d, lang()))
    return page("round.html", round=found, overdue=overdue, statuses=STATUSES, to_review=to_review, mine=mine,
                by_city=by_city.to_dict("records"), by_department=by_department.to_dict("records"))


@blueprint.post("/rounds/<int:round_id>/review")
@signed_in
def review(round_id: int) -> ResponseReturnValue:
    ids = [int(i) for i in request.form.getlist("cell") if i.isdigit() and len(i) < 10]
    if request.form.get("action") == "return":
        return_cells(get_engine(), me(), ids, clean_text(request.form.get("reason") or "", MAX_REASON))
        flash(t("admin_round_returned", lang(), n=len(ids)))
    else:
        accept(get_engine(), me(), ids)
        flash(t("admin_round_accepted", lang(), n=len(ids)))
    return redirect(url_for("admin.show_round", round_id=round_id))


@blueprint.post("/rounds/<int:round_id>/close")
@signed_in
def close(round_id: int) -> ResponseReturnValue:
    close_round(get_engine(), me(), round_id)
    flash(t("admin_round_closed", lang(), id=round_id))
    return redirect(url_for("admin.show_round", round_id=round_id))


@blueprint.get("/rounds/<int:round_id>/<kind>.xlsx")
@signed_in
def round_file(round_id: int, kind: str) -> ResponseReturnValue:
    make = {"chase": chase_xlsx, "audit": audit_xlsx}.get(kind)
    if make is None:
        abort(404)
    return Response(make(get_engine(), round_id, lang()), mimetype=XLSX,
                    headers={"Content-Disposition": f"attachment; filename=round{round_id}_{kind}.xlsx"})
