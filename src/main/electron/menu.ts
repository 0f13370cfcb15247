/** A minimal application menu: edit shortcuts, zoom, and developer tools only in development. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(devTools: boolean): void {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  if (devTools) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
