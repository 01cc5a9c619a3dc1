"""Browser tests: the built book and live JupyterLab in headless Chromium."""
