import type { StorybookConfig } from '@storybook/react-vite';

// Storybook for @serialgraph/react. `pnpm storybook` serves it, `pnpm build-storybook` writes
// storybook-static/, and `pnpm --filter @serialgraph/react test` runs every story in Chromium.
const config: StorybookConfig = {
  stories: ['../packages/react/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
