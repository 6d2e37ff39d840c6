"""`vanban serve`: the library, search and the NĐ 30 checker in the browser.

The pages call the same functions as the CLI (`app/library_commands.py`, `index/in_force.py`,
`vanban check`) and hand their templates the CLI's `--json` shape; a page never does domain work
the command line cannot do. `create_app` in `vanban.app.web.server` assembles the routes.
"""
