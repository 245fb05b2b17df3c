// The console's antd theme. antd's default placeholder, help-text, link and danger colours fall
// short of a 4.5:1 contrast ratio on white (axe-core flags them); these are darker.
export const accessibleTokens = {
  colorTextPlaceholder: '#6b6b6b',
  colorTextDescription: '#595959',
  colorTextTertiary: '#595959',
  colorTextSecondary: '#595959',
  colorLink: '#0958d9',
  colorLinkHover: '#1677ff',
  colorLinkActive: '#003eb3',
  colorError: '#cf1322',
  colorErrorHover: '#a8071a',
  colorErrorActive: '#820014',
}

export const consoleTheme = { token: { colorPrimary: '#c8102e', borderRadius: 6, ...accessibleTokens } }
