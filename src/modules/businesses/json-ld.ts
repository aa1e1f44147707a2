import type { BusinessRow } from './schema';

/** What a business's structured data names besides the business itself. */
export interface BusinessPublication {
  /** the absolute address of the business's page */
  url: string;
  /** the absolute addresses of its photos */
  images: string[];
  municipality: { name: string; prefecture: string } | undefined;
  industryName: string;
  membershipNames: string[];
}

/**
 * The business as a schema.org `LocalBusiness` (JSON-LD), for search engines and maps: public fields
 * only (never the contact person, the phone or the owner's age band).
 */
export function businessStructuredData(business: BusinessRow, publication: BusinessPublication) {
  const { municipality } = publication;
  const sameAs = [business.website, ...business.sns].filter(Boolean);
  const description = [business.description, business.products].filter(Boolean).join('\n');
  return {
    '@context': 'https://schema.org',
    '@type': 'LocalBusiness',
    name: business.name,
    alternateName: business.kana,
    url: publication.url,
    ...(publication.images.length > 0 ? { image: publication.images } : {}),
    ...(description ? { description } : {}),
    address: {
      '@type': 'PostalAddress',
      streetAddress: business.address,
      ...(municipality ? { addressLocality: municipality.name, addressRegion: municipality.prefecture } : {}),
      addressCountry: 'JP',
    },
    ...(business.latitude !== null && business.longitude !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: business.latitude, longitude: business.longitude } }
      : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
    ...(business.foundedYear !== null ? { foundingDate: String(business.foundedYear) } : {}),
    ...(business.employees !== null
      ? { numberOfEmployees: { '@type': 'QuantitativeValue', value: business.employees } }
      : {}),
    ...(business.corporateNumber
      ? { identifier: { '@type': 'PropertyValue', propertyID: '法人番号', value: business.corporateNumber } }
      : {}),
    ...(business.tags.length > 0 ? { knowsAbout: business.tags } : {}),
    additionalType: publication.industryName,
    ...(publication.membershipNames.length > 0
      ? { memberOf: publication.membershipNames.map((name) => ({ '@type': 'Organization', name })) }
      : {}),
  };
}
