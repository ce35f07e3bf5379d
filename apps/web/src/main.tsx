import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles.css';
import { Layout } from './components/layout';
import { language, t } from './i18n';
import { AccessLogView } from './pages/access-log';
import { InitiativePage } from './pages/initiative';
import { MeasurementsPage } from './pages/measurements';
import { PackPage } from './pages/pack';
import { PortfolioPage } from './pages/portfolio';
import { ReviewsPage } from './pages/reviews';
import { SignInCallbackPage, SignInPage } from './pages/sign-in';
import { location, navigate } from './router';
import { session } from './session';
import { useStore } from './store';

/** Which page the path names; everything but sign-in needs a signed-in user. */
const Page = () => {
  const here = useStore(location);
  const who = useStore(session);
  useStore(language);
  if (here.path === '/sign-in/callback') return <SignInCallbackPage />;
  if (here.path === '/sign-in') {
    document.title = `${t().signIn} · Regie`;
    return <SignInPage />;
  }
  if (!who) return <Redirect to={`/sign-in?next=${encodeURIComponent(here.path + window.location.search)}`} />;
  const match = here.path.match(/^\/initiatives\/([^/]+)(?:\/(reviews|measurements|pack|access-log))?$/);
  if (match) {
    const id = decodeURIComponent(match[1]);
    if (match[2] === 'reviews') return <ReviewsPage key={id} id={id} />;
    if (match[2] === 'measurements') return <MeasurementsPage key={id} id={id} />;
    if (match[2] === 'pack') return <PackPage key={id} id={id} />;
    if (match[2] === 'access-log') return <AccessLogView key={id} id={id} />;
    return <InitiativePage key={id} id={id} />;
  }
  document.title = `${t().portfolio} · Regie`;
  return <PortfolioPage />;
};

const Redirect = ({ to }: { to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};

const App = () => {
  useStore(language);
  return (
    <Layout>
      <Page />
    </Layout>
  );
};

render(<App />, document.getElementById('app')!);
