"""Everything initGui() adds is recorded here, so unload() removes exactly that, in reverse order."""
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolBar


class UiRegistry:

    def __init__(self, main_window):
        self._main_window = main_window
        self._undo = []  # callables, run last-in first-out

    def add_toolbar(self, title: str, object_name: str) -> QToolBar:
        toolbar = QToolBar(title, self._main_window)
        toolbar.setObjectName(object_name)
        self._main_window.addToolBar(toolbar)

        def remove():
            self._main_window.removeToolBar(toolbar)
            toolbar.deleteLater()  # `del` alone would leave it in the window
        self._undo.append(remove)
        return toolbar

    def add_menu(self, title: str, object_name: str) -> QMenu:
        menu_bar = self._main_window.menuBar()
        menu = QMenu(title, menu_bar)
        menu.setObjectName(object_name)
        before = _help_menu_action(menu_bar)
        if before is not None:
            menu_bar.insertMenu(before, menu)
        else:
            menu_bar.addMenu(menu)

        def remove():
            menu_bar.removeAction(menu.menuAction())
            menu.deleteLater()
        self._undo.append(remove)
        return menu

    def add_action(self, action: QAction, *containers) -> QAction:
        for container in containers:
            container.addAction(action)

        def remove():
            for container in containers:
                container.removeAction(action)
            action.deleteLater()
        self._undo.append(remove)
        return action

    def add_dock(self, iface, area, dock) -> None:  # noqa: QGS105 - docks need the real iface to tabify
        iface.addDockWidget(area, dock)

        def remove():
            self._main_window.removeDockWidget(dock)
            dock.deleteLater()
        self._undo.append(remove)

    def connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._undo.append(lambda: signal.disconnect(slot))

    def on_unload(self, callback) -> None:
        """Any other clean-up (providers, map tools, handlers), run in reverse order of registration."""
        self._undo.append(callback)

    def remove_all(self) -> None:
        errors = []
        while self._undo:
            undo = self._undo.pop()
            try:
                undo()
            except (RuntimeError, TypeError) as error:  # already deleted by Qt, or already disconnected
                errors.append(error)
        return errors


def _help_menu_action(menu_bar):
    """Our menu goes before QGIS's Help menu, where plugin menus belong; None if there is none."""
    actions = menu_bar.actions()
    for action in actions:
        menu = action.menu()
        if menu is not None and menu.objectName() == "mHelpMenu":
            return action
    return None
