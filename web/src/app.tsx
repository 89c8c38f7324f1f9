import { Route, Router, type RouteSectionProps } from '@solidjs/router';
import { TopBar } from './components/top-bar.js';
import { BookPage } from './routes/book-page.js';
import { BookingConfirmationPage } from './routes/booking-confirmation-page.js';
import { CatalogPage } from './routes/catalog-page.js';
import { EventPage } from './routes/event-page.js';
import { LoginPage } from './routes/login-page.js';
import { MyBookingsPage } from './routes/my-bookings-page.js';
import { NotFoundPage } from './routes/not-found-page.js';
import { QueuePage } from './routes/queue-page.js';

/** The player page brings hls.js: its own chunk, loaded only when a channel opens. */
const ChannelPage = lazy(() => import('./routes/channel-page.js'));
/** The operator console: its own chunk (`console-page-*.js`), loaded only under /console. */
const consoleChunk = () => import('./console/console-page.js');
const ConsolePage = lazy(consoleChunk);
const ConsoleDrops = lazy(() => consoleChunk().then((chunk) => ({ default: chunk.DropsView })));
const ConsoleNewDrop = lazy(() => consoleChunk().then((chunk) => ({ default: chunk.CreateDropView })));
const ConsoleDrop = lazy(() => consoleChunk().then((chunk) => ({ default: chunk.DropView })));
const ConsoleChannels = lazy(() => consoleChunk().then((chunk) => ({ default: chunk.ChannelsView })));
const ConsoleChannel = lazy(() => consoleChunk().then((chunk) => ({ default: chunk.ChannelView })));
import { t } from './i18n/i18n.js';
import { lazy } from 'solid-js';

function Layout(props: RouteSectionProps) {
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <TopBar />
      <div id="content" class="content">
        {props.children}
      </div>
    </>
  );
}

/** Path routing; the server answers unknown paths with index.html (SPA fallback). */
export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={CatalogPage} />
      <Route path="/login" component={LoginPage} />
      <Route path="/channels/:channelId" component={ChannelPage} />
      <Route path="/events/:id" component={EventPage} />
      <Route path="/events/:id/queue" component={QueuePage} />
      <Route path="/events/:id/book" component={BookPage} />
      <Route path="/bookings/:bookingId" component={BookingConfirmationPage} />
      <Route path="/me" component={MyBookingsPage} />
      <Route path="/console" component={ConsolePage}>
        <Route path="/" component={ConsoleDrops} />
        <Route path="/events/new" component={ConsoleNewDrop} />
        <Route path="/events/:eventId" component={ConsoleDrop} />
        <Route path="/channels" component={ConsoleChannels} />
        <Route path="/channels/:channelId" component={ConsoleChannel} />
      </Route>
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
