import { Hono } from 'hono';
import { csvFile, csvResponse } from '../../platform/csv';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { issueCertificate, listCertificates, readCertificate } from './certificate-service';
import { CertificatePage, CertificateRegisterPage, certificateRegisterRows } from './pages/certificates';
import { consultationPermissions as can_ } from './permissions';
import type { ConsultationRouteDependencies } from './routes';

/** 特定創業支援等事業: the city issues certificates from a case, and keeps their register (decision 027). */
export function certificateRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');
  const idOf = (c: AppContext) => Number(c.req.param('id'));

  app.post(
    '/consultations/cases/:id{[0-9]+}/certificate',
    requirePermission(can_['consultations.certificates']),
    async (c) => {
      const { certificate } = await issueCertificate(db, actorOf(c), idOf(c));
      return c.redirect(`/consultations/certificates/${certificate.id}`, 303);
    },
  );

  const register = requirePermission(can_['consultations.certificates']);
  app.get('/consultations/certificates', register, async (c) => {
    personal(c);
    return c.html(
      <CertificateRegisterPage view={viewOf(c)} certificates={await listCertificates(db, actorOf(c))} />,
    );
  });
  app.get('/consultations/certificates.csv', register, async (c) =>
    csvResponse(
      c,
      csvFile(certificateRegisterRows(await listCertificates(db, actorOf(c)))),
      '特定創業支援等事業_証明書交付台帳.csv',
      'certified-support-certificates.csv',
    ),
  );

  app.get(
    '/consultations/certificates/:id{[0-9]+}',
    requirePermission(can_['consultations.counsel']),
    async (c) => {
      personal(c);
      const certificate = await readCertificate(db, actorOf(c), idOf(c));
      const plan = plans.planFor(c.get('account'));
      return c.html(
        <CertificatePage view={viewOf(c)} certificate={certificate} cityName={plan.file.municipality.name} />,
      );
    },
  );
  return app;
}
