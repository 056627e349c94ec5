import type { Decorator, Preview } from '@storybook/react-vite';
import { MockApolloProvider, type MockHandler } from '../packages/react/src/testing/mock-apollo';
import '../packages/react/src/styles.css';

/** Every story gets its own ApolloClient answering from `parameters.graphql` (a list of mockOperation handlers). */
const withMockApollo: Decorator = (Story, context) => (
  <MockApolloProvider
    key={context.id}
    handlers={(context.parameters.graphql as MockHandler[] | undefined) ?? []}
  >
    <Story />
  </MockApolloProvider>
);

const preview: Preview = {
  decorators: [withMockApollo],
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { matchers: { date: /At$/ } },
    // Every story is also an axe check; any violation fails the test run.
    a11y: { test: 'error' },
  },
};

export default preview;
