"""The addresses of the yearly wizards (`/viec-hang-nam/…`), added to the server's routes as one list."""

from __future__ import annotations

from starlette.routing import Route

from vanban.app.web import handout_page as handout
from vanban.app.web import plan_wizard as plan
from vanban.app.web import report_wizard as report
from vanban.app.web.yearly_pages import yearly_page

POST = ["POST"]
PLAN, REPORT, HANDOUT = "/viec-hang-nam/ke-hoach", "/viec-hang-nam/bao-cao", "/viec-hang-nam/tai-lieu"

ROUTES = [
    Route("/viec-hang-nam", yearly_page, name="yearly"),
    Route(PLAN, plan.plan_form),
    Route(PLAN, plan.plan_start, methods=POST),
    Route(PLAN + "/{token}", plan.plan_step),
    Route(PLAN + "/{token}/nhiem-vu", plan.plan_save_tasks, methods=POST),
    Route(PLAN + "/{token}/nhiem-vu.xlsx", plan.plan_workbook),
    Route(PLAN + "/{token}/bang-tinh", plan.plan_upload, methods=POST),
    Route(PLAN + "/{token}/xem-truoc", plan.plan_preview, methods=POST),
    Route(PLAN + "/{token}/soan-thao", plan.plan_to_draft, methods=POST),
    Route(REPORT, report.report_form),
    Route(REPORT, report.report_start, methods=POST),
    Route(REPORT + "/{token}", report.report_step),
    Route(REPORT + "/{token}/bieu-mau.xlsx", report.report_template),
    Route(REPORT + "/{token}/bieu-do.png", report.report_chart),
    Route(REPORT + "/{token}/tai-len", report.report_upload, methods=POST),
    Route(REPORT + "/{token}/xoa", report.report_remove, methods=POST),
    Route(REPORT + "/{token}/xem-truoc", report.report_preview, methods=POST),
    Route(REPORT + "/{token}/tep-kem/{name}", report.report_companion),
    Route(HANDOUT, handout.handout_form),
    Route(HANDOUT, handout.handout_start, methods=POST),
    Route(HANDOUT + "/{token}", handout.handout_step),
    Route(HANDOUT + "/{token}/tai-lieu.md", handout.handout_source),
    Route(HANDOUT + "/{token}/xem-nhanh", handout.handout_live_preview, methods=POST),
    Route(HANDOUT + "/{token}/luu", handout.handout_save, methods=POST),
    Route(HANDOUT + "/{token}/tao", handout.handout_make, methods=POST),
    Route(HANDOUT + "/{token}/trich-dan", handout.handout_quotations),
]
