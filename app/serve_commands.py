"""`vanban serve`: the web pages (library, search, checker) on this machine.

It binds to 127.0.0.1 by default; serving a department's network (--host 0.0.0.0) is a deliberate
choice. Adding, removing and checking documents need an account (`vanban user add`); reading needs
one only when the admin turns anonymous reading off.
"""

from __future__ import annotations

from typing import Annotated

import typer

from vanban.app.common import DataOption, err, out
from vanban.library.errors import VanbanError


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe (0.0.0.0: cho máy khác trong mạng).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="Cổng.")] = 8080,
    engine: Annotated[str, typer.Option("--engine", help="Bộ máy tìm kiếm: tantivy (mặc định) hoặc whoosh.")] = (
        "tantivy"
    ),
    max_upload: Annotated[
        int, typer.Option("--max-upload", help="Dung lượng tối đa một tệp tải lên, MB (mặc định 20).")
    ] = 0,
    data: DataOption = None,
) -> None:
    """Mở giao diện web: tra cứu, thư viện, kiểm tra thể thức (Ctrl+C để dừng)."""
    import uvicorn

    from vanban.app.web.config import WebConfig
    from vanban.app.web.server import create_app

    if not 1 <= port <= 65535:
        raise VanbanError("--port là một số từ 1 đến 65535.")
    if engine not in ("tantivy", "whoosh"):
        raise VanbanError("--engine là tantivy hoặc whoosh.")
    if max_upload < 0:
        raise VanbanError("--max-upload là số MB, lớn hơn 0.")
    application = create_app(WebConfig(data_dir=data, engine=engine, max_upload_mb=max_upload))
    application.state.workbench.index()  # the first search should not wait for the index
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    out.print(f"vanban đang chạy ở http://{shown}:{port}/  (Ctrl+C để dừng)")
    if not application.state.workbench.users.list():
        err.print(
            "Chưa có tài khoản nào: chỉ tra cứu và đọc được. Tạo tài khoản quản trị đầu tiên bằng "
            "vanban user add TÊN --role quan-tri"
        )
    uvicorn.run(application, host=host, port=port, log_level="warning")
