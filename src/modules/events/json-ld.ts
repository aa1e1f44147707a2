import type { EventWithCounts } from './event-service';
import { isOpenForRegistration, japanIsoDateTime, lectureName } from './published-events';

/** What an event's structured data names besides the event itself. */
export interface EventPublication {
  /** the absolute address of the event's page */
  url: string;
  organiserName: string;
  municipality: { name: string; prefecture: string } | undefined;
}

const schema = (term: string) => `https://schema.org/${term}`;

/**
 * The event as a schema.org `Event` (JSON-LD), for search engines and calendar apps: times with the
 * Japan offset, the place with its address and map position, the organiser, and the fee in yen.
 */
export function eventStructuredData(event: EventWithCounts, publication: EventPublication) {
  const remaining = Math.max(0, event.capacity - event.confirmed);
  const open = isOpenForRegistration(event);
  const { municipality } = publication;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    ...(event.titleEn ? { alternateName: event.titleEn } : {}),
    ...(event.description ? { description: event.description } : {}),
    url: publication.url,
    inLanguage: 'ja',
    startDate: japanIsoDateTime(event.startsAt),
    endDate: japanIsoDateTime(event.endsAt),
    eventStatus: schema(event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'),
    eventAttendanceMode: schema('OfflineEventAttendanceMode'),
    location: {
      '@type': 'Place',
      name: event.place,
      address: {
        '@type': 'PostalAddress',
        ...(event.address ? { streetAddress: event.address } : {}),
        ...(municipality
          ? { addressLocality: municipality.name, addressRegion: municipality.prefecture }
          : {}),
        addressCountry: 'JP',
      },
      ...(event.latitude !== null && event.longitude !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: event.latitude, longitude: event.longitude } }
        : {}),
    },
    organizer: {
      '@type': 'Organization',
      name: publication.organiserName,
      ...(event.contactPhone ? { telephone: event.contactPhone } : {}),
    },
    offers: {
      '@type': 'Offer',
      price: event.feeYen,
      priceCurrency: 'JPY',
      url: publication.url,
      validThrough: japanIsoDateTime(event.registrationClosesAt ?? event.startsAt),
      // full: a seat may still come from the waiting list, but none is on offer now
      ...(open ? { availability: schema(remaining > 0 ? 'InStock' : 'SoldOut') } : {}),
    },
    // a course: each lecture is an event of its own within it
    ...(event.sessions.length > 1
      ? {
          subEvent: event.sessions.map((s) => ({
            '@type': 'Event',
            name: lectureName(event.title, s),
            startDate: japanIsoDateTime(s.startsAt),
            endDate: japanIsoDateTime(s.endsAt),
          })),
        }
      : {}),
    maximumAttendeeCapacity: event.capacity,
    remainingAttendeeCapacity: remaining,
  };
}
