"""`diagnose serve`: the questionnaire in a web browser, through textual-serve (the same app, no second UI).

``server`` is the web server, ``sessions`` maps each browser to its own autosave file, ``address``
checks where to listen, and ``app_process`` is what runs for each browser connection.
"""
