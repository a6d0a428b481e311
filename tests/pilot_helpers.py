"""Pilot steps shared by the questionnaire tests."""


async def press(pilot, *keys):
    """Each key, then the diagnosis and autosave its answer started in a worker."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
