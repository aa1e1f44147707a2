import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import type { Database } from './db/connection';
import { accountsModule } from './modules/accounts';
import { businessesModule } from './modules/businesses';
import { communityModule } from './modules/community';
import { consultationsModule } from './modules/consultations';
import { eventsModule } from './modules/events';
import { membershipsModule } from './modules/memberships';
import { planModule } from './modules/plan';
import type { PlanCatalogue } from './modules/plan/catalogue';
import type { MetricRegistry } from './modules/plan/metric-registry';
import { pointsModule } from './modules/points';
import { propertiesModule } from './modules/properties';
import { shopsModule } from './modules/shops';
import { successionModule } from './modules/succession';
import { authRoutes } from './platform/auth/routes';
import { UserError } from './platform/errors';
import {
  type AppEnv,
  csrfMiddleware,
  isApiRequest,
  languageMiddleware,
  sessionMiddleware,
} from './platform/http';
import { localise } from './platform/i18n';
import { mailAdminRoutes } from './platform/mail/admin-routes';
import { ApiDescription } from './platform/openapi';
import { ErrorPage } from './platform/ui/error-page';
import { mapAssetRoutes, mapImageSources, mapTilesOf } from './platform/ui/map';
import { printScript, printScriptPath } from './platform/ui/print';
import { appFile, serveStaticText } from './platform/ui/static-assets';

export interface AppDependencies {
  config: Config;
  database: Database;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
}

const maxRequestBytes = 4 * 1024 * 1024;

/** Builds the HTTP app: platform middleware, then each module's routes. */
export function createApp(deps: AppDependencies) {
  const { config, database } = deps;
  const app = new Hono<AppEnv>();
  const api = new ApiDescription();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // the map's tiles come from the tile server of the settings
        imgSrc: ["'self'", 'data:', ...mapImageSources(mapTilesOf(config))],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(languageMiddleware(config));
  // before any body is read (the CSRF check reads forms): nothing larger is ever needed
  app.use(
    bodyLimit({
      maxSize: maxRequestBytes,
      onError: () => {
        throw new UserError('payload_too_large', 413, {
          ja: `送信できるデータは${maxRequestBytes / 1024 / 1024}MBまでです。ファイルを分けて送信してください。`,
          en: `Requests are limited to ${maxRequestBytes / 1024 / 1024} MB. Split the file and send it in parts.`,
        });
      },
    }),
  );
  app.use(sessionMiddleware(database.db));
  app.use(csrfMiddleware(config));

  serveStaticText(app, '/static/app.css', 'css', appFile(new URL('./platform/ui/app.css', import.meta.url)));
  app.route('/', mapAssetRoutes());
  serveStaticText(app, printScriptPath, 'js', () => printScript);
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.route('/', authRoutes(database.db, config, api));
  app.route('/', planModule({ ...deps, api }));
  app.route('/', accountsModule({ ...deps, api }));
  app.route('/', eventsModule({ ...deps, api }));
  app.route('/', consultationsModule({ ...deps, api }));
  app.route('/', businessesModule({ ...deps, api }));
  app.route('/', pointsModule({ ...deps, api }));
  app.route('/', propertiesModule({ ...deps, api }));
  app.route('/', membershipsModule(deps));
  app.route('/', shopsModule({ ...deps, api }));
  app.route('/', communityModule(deps));
  app.route('/', successionModule({ ...deps, api }));
  app.route('/', mailAdminRoutes(database.db, config));

  app.get('/api/v1/openapi.json', (c) => c.json(api.document()));

  app.notFound((c) => {
    const error = new UserError('not_found', 404, {
      ja: 'ページが見つかりません。URLを確かめてください。',
      en: 'Page not found. Check the address.',
    });
    return respondWithError(c, error);
  });

  app.onError((error, c) => {
    if (error instanceof UserError) return respondWithError(c, error);
    console.error(error);
    return respondWithError(
      c,
      new UserError('internal_error', 500, {
        ja: 'システムでエラーが発生しました。時間をおいてもう一度お試しください。',
        en: 'Something went wrong on our side. Try again later.',
      }),
    );
  });

  return app;
}

function respondWithError(c: Parameters<Parameters<Hono<AppEnv>['onError']>[0]>[1], error: UserError) {
  const lang = c.get('lang') ?? 'ja';
  const status = error.status as 400;
  if (isApiRequest(c)) {
    return c.json(
      {
        error: {
          code: error.code,
          message: localise(lang, error.userMessage),
          details: error.details.map((d) => ({
            field: d.field,
            line: d.line,
            message: localise(lang, d.message),
          })),
        },
      },
      status,
    );
  }
  return c.html(<ErrorPage c={c} error={error} />, status);
}
