"""Accounts in the web app: login and logout, throttling, the session's cookie and CSRF token,
anonymous reading on and off, 403 for a wrong role, the admin pages and the audit of each write."""

from __future__ import annotations

import datetime as _dt

from tests.web.conftest import ADMIN, PASSWORD, add_user, csrf_token, log_in, write_legal
from vanban.app.web.accounts import COOKIE
from vanban.office.audit import AuditLog
from vanban.office.users import MAX_FAILURES


def data_dir(client):
    return client.app.state.workbench.library.data_dir


def last_audit(client, count: int = 1):
    return AuditLog(data_dir(client)).entries(limit=count)


def test_login_shows_who_and_logout_ends_the_session(anonymous_client):
    client = anonymous_client
    assert "Đăng nhập" in client.get("/").text
    response = log_in(client, "Quan.Tri ")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; https gets Secure
    page = client.get("/").text
    assert '<strong>quan.tri</strong> <span class="role">quản trị</span>' in page
    assert last_audit(client)[0].action == "đăng nhập"
    session_id = client.cookies[COOKIE]
    out = client.post("/dang-xuat", data={"csrf_token": csrf_token(client, "/")}, follow_redirects=False)
    assert out.status_code == 303
    entry = last_audit(client)[0]
    assert (entry.actor, entry.action) == (ADMIN, "đăng xuất")
    assert client.app.state.workbench.users.session(session_id) is None
    assert "quan.tri" not in client.get("/").text


def test_login_goes_back_to_the_page_asked_for_and_never_to_another_site(anonymous_client):
    client = anonymous_client
    form = {"csrf_token": csrf_token(client, "/dang-nhap"), "ten": ADMIN, "mat-khau": PASSWORD}
    back = client.post("/dang-nhap", data={**form, "tiep": "/kiem-tra"}, follow_redirects=False)
    assert back.headers["location"] == "/kiem-tra"
    client.cookies.clear()
    form["csrf_token"] = csrf_token(client, "/dang-nhap")
    away = client.post("/dang-nhap", data={**form, "tiep": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"


def test_wrong_password_says_so_in_vietnamese(anonymous_client):
    response = log_in(anonymous_client, ADMIN, "sai mật khẩu rồi")
    assert response.status_code == 401
    assert "tên đăng nhập hoặc mật khẩu không đúng" in response.text
    assert COOKIE not in anonymous_client.cookies


def test_throttled_login_answers_429_with_the_time_to_retry(anonymous_client):
    users = anonymous_client.app.state.workbench.users
    moment = _dt.datetime(2026, 3, 2, 8, 0, tzinfo=_dt.UTC)
    users.clock = lambda: moment
    for _ in range(MAX_FAILURES):
        assert log_in(anonymous_client, ADMIN, "sai mật khẩu rồi").status_code == 401
    locked = log_in(anonymous_client, ADMIN)  # even the right password, until the lock ends
    assert locked.status_code == 429
    assert "đăng nhập tạm khóa" in locked.text and "khoảng 15 phút nữa" in locked.text
    assert locked.headers["retry-after"] == str(15 * 60 + 1)
    moment += _dt.timedelta(minutes=16)
    assert log_in(anonymous_client, ADMIN).status_code == 303


def test_csrf_token_is_the_sessions_own(anonymous_client, tmp_path):
    client = anonymous_client
    before = csrf_token(client, "/dang-nhap")
    log_in(client, ADMIN)
    after = csrf_token(client, "/thu-vien")
    assert after != before
    files = [("tep", ("nd.md", write_legal(tmp_path).read_bytes(), "text/markdown"))]
    refused = client.post("/thu-vien/them", data={"csrf_token": before}, files=files)
    assert refused.status_code == 403 and "biểu mẫu đã hết hạn" in refused.text
    assert client.post("/thu-vien/them", data={}, files=files).status_code == 403


def test_anonymous_reading_follows_the_admins_switch(fresh_client):
    client = fresh_client
    token = csrf_token(client, "/quan-tri")
    off = client.post("/quan-tri/doc-tu-do", data={"csrf_token": token, "bat": "0"}, follow_redirects=False)
    assert off.status_code == 303
    assert client.get("/thu-vien").status_code == 200  # signed in: still reads
    stranger = type(client)(client.app)
    for url in ("/", "/thu-vien", "/van-ban/ke-hoach-484-kh-ubnd-2020", "/tim-kiem?q=x&dinh-dang=json"):
        response = stranger.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/dang-nhap?tiep=%2F")
    assert stranger.get("/dang-nhap").status_code == 200
    client.post("/quan-tri/doc-tu-do", data={"csrf_token": token, "bat": "1"})
    assert stranger.get("/thu-vien").status_code == 200
    assert [e.detail for e in last_audit(client, 2)] == ["true", "false"]


def test_a_wrong_role_gets_403_naming_what_is_needed(fresh_client):
    add_user(data_dir(fresh_client), "tran.binh", "chuyen-vien")
    officer = type(fresh_client)(fresh_client.app)
    log_in(officer, "tran.binh")
    for url in ("/quan-tri", "/quan-tri/nhat-ky"):
        page = officer.get(url)
        assert page.status_code == 403
        assert "tài khoản «tran.binh» (vai trò chuyên viên) không được quản lý tài khoản" in page.text
        assert "cần vai trò: quản trị" in page.text and "Traceback" not in page.text
    token = csrf_token(officer, "/thu-vien")
    removed = officer.post("/van-ban/ke-hoach-484-kh-ubnd-2020/xoa", data={"csrf_token": token})
    assert removed.status_code == 403 and "xóa văn bản khỏi thư viện" in removed.text
    refused = officer.post("/quan-tri/tran.binh/vai-tro", data={"csrf_token": token, "vai-tro": "quan-tri"})
    assert refused.status_code == 403
    assert officer.get("/kiem-tra").status_code == 200  # a chuyên viên checks documents


def test_nobody_signed_in_may_not_write(anonymous_client):
    token = csrf_token(anonymous_client, "/thu-vien")
    response = anonymous_client.post("/thu-vien/them", data={"csrf_token": token})
    assert response.status_code == 401 and "cần đăng nhập để thêm văn bản vào thư viện" in response.text
    checker = anonymous_client.get("/kiem-tra", follow_redirects=False)
    assert checker.headers["location"] == "/dang-nhap?tiep=%2Fkiem-tra"


def test_admin_adds_changes_resets_and_removes_an_account_all_audited(fresh_client):
    client = fresh_client
    token = csrf_token(client, "/quan-tri")
    form = {"csrf_token": token, "ten": "le.chi", "vai-tro": "van-thu", "mat-khau": PASSWORD}
    added = client.post("/quan-tri/them", data=form)
    assert "Đã tạo tài khoản «le.chi»" in added.text and "le.chi" in added.text
    client.post("/quan-tri/le.chi/vai-tro", data={"csrf_token": token, "vai-tro": "chuyen-vien"})
    assert client.app.state.workbench.users.get("le.chi").role == "chuyen-vien"
    other = type(client)(client.app)
    log_in(other, "le.chi")
    client.post("/quan-tri/le.chi/mat-khau", data={"csrf_token": token, "mat-khau": PASSWORD + " mới"})
    assert "le.chi" not in other.get("/").text  # the reset closed the old session
    short = client.post("/quan-tri/le.chi/mat-khau", data={"csrf_token": token, "mat-khau": "ngắn"})
    assert short.status_code == 400 and "mật khẩu quá ngắn" in short.text
    client.post("/quan-tri/le.chi/xoa", data={"csrf_token": token})
    assert client.app.state.workbench.users.get("le.chi") is None
    last = client.post(f"/quan-tri/{ADMIN}/xoa", data={"csrf_token": token})
    assert last.status_code == 400 and "tài khoản quản trị cuối cùng" in last.text
    actions = [(e.actor, e.action, e.target) for e in reversed(last_audit(client, 5))]
    assert actions[0] == (ADMIN, "thêm tài khoản", "le.chi")
    assert (ADMIN, "đổi vai trò", "le.chi") in actions and (ADMIN, "xóa tài khoản", "le.chi") in actions
    log_page = client.get("/quan-tri/nhat-ky").text
    assert "xóa tài khoản" in log_page and "le.chi" in log_page


def test_adding_and_removing_a_document_is_audited(fresh_client, tmp_path):
    token = csrf_token(fresh_client)
    files = [("tep", ("nghị định.md", write_legal(tmp_path).read_bytes(), "text/markdown"))]
    fresh_client.post("/thu-vien/them", data={"csrf_token": token}, files=files, follow_redirects=False)
    entry = last_audit(fresh_client)[0]
    assert (entry.actor, entry.action, entry.target, entry.detail) == (
        ADMIN,
        "thêm văn bản",
        "99-2021-nd-cp",
        "tệp nghị định.md, công khai",  # the form sent without its box ticked
    )
    fresh_client.post("/van-ban/99-2021-nd-cp/xoa", data={"csrf_token": token}, follow_redirects=False)
    entry = last_audit(fresh_client)[0]
    assert (entry.actor, entry.action, entry.target) == (ADMIN, "xóa văn bản", "99-2021-nd-cp")


def test_over_https_the_session_cookie_is_secure(anonymous_client):
    client = type(anonymous_client)(anonymous_client.app, base_url="https://testserver")
    assert "Secure" in log_in(client, ADMIN).headers["set-cookie"]
