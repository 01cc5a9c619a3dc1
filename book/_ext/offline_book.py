"""Local Sphinx tweaks that keep the built book self-contained.

Jupyter Book always loads sphinx-thebe, which links a remote script (unpkg.com) and, with
Sphinx 7, adds its configuration script twice, so every page logs a redeclaration error. The
course never launches remote kernels, so this extension disconnects sphinx-thebe's script
injection before any document is read.
"""


def _drop_thebe_scripts(app) -> None:
    for listener in list(app.events.listeners.get("env-before-read-docs", [])):
        handler = listener.handler
        if handler.__module__ == "sphinx_thebe" and handler.__name__ == "init_thebe_core":
            app.disconnect(listener.id)


def setup(app):
    app.connect("builder-inited", _drop_thebe_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
