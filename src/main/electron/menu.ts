/** A minimal application menu: edit shortcuts, zoom, developer tools only in development, and Help's update check. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(devTools: boolean, help: { checkForUpdates(): void }): void {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  if (devTools) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'help', submenu: [{ label: 'Check for updates', click: () => help.checkForUpdates() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
