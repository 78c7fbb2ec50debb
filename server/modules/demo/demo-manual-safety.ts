import { act, branch, decide, field, optional, record, refer, type DemoSop } from './demo-steps';

// Harbour & Hill Outfitters: an accident or injury in a store. First aid comes before any paperwork.

export const accidentSop: DemoSop = {
  key: 'HH-HSE-001',
  title: 'Log an accident or injury on the premises',
  category: 'Health and safety',
  channels: ['in person'],
  audience: ['Agent', 'Senior agent', 'Supervisor'],
  reviewIntervalMonths: 12,
  process: 'Log an accident or injury',
  content: {
    purpose:
      'A person hurt in a store gets help at once. The hazard is made safe so that nobody else is hurt. The facts are written down while they are fresh, for the insurer and, where the law asks for it, for the authorities.',
    scope: 'Accidents and injuries to customers, visitors and staff in Harbour & Hill stores and car parks, including near misses. Most are a slip, trip or fall, a cut or a strain.',
    responsibilities: [
      { role: 'Agent', duties: 'Calls for first aid, makes the area safe and records the facts.' },
      { role: 'Supervisor', duties: 'Takes charge of serious injuries, reports them to the quality manager the same day and keeps the CCTV footage.' },
      { role: 'Quality manager', duties: 'Decides whether the accident is reportable under RIDDOR and files the report.' },
    ],
    procedure: [
      act('first-aid', 'Call the trained first aider to the scene.', { detail: 'The first aider’s name is on the board by the staff room. Do not move an injured person unless there is immediate danger.' }),
      decide('emergency', 'Is the injury serious?', [
        branch('serious', 'Yes: unconscious, bleeding heavily, a suspected fracture or a head injury', [
          act('ambulance', 'Call 999 and ask for an ambulance.'),
          refer('supervisor-now', 'Alert the supervisor on duty by radio.', 'Supervisor'),
        ]),
        branch('minor', 'No: a minor cut, bruise or near miss', [act('treat', 'Let the first aider treat the injury on site.')]),
      ]),
      act('make-safe', 'Make the area safe with a cone or barrier.', { detail: 'Leave the hazard in place for a photo if it is safe to do so; clean up after the photo.' }),
      record('accident-record', 'Record the accident in the accident book.', [
        field('date_time', 'Date and time', 'date'),
        field('location', 'Where it happened'),
        field('injured_person', 'Injured person (name and contact details)'),
        field('injury', 'Injury and treatment given'),
        field('person_type', 'Person hurt', 'choice', ['Customer', 'Visitor', 'Staff']),
        optional(field('witnesses', 'Witness names and contact details')),
      ], { note: true, attachment: true, detail: 'Write what was seen, not opinions about fault. Attach the photo of the hazard.' }),
      act('keep-footage', 'Keep the CCTV footage of the area for 30 days.', { role: 'Supervisor' }),
      refer('report', 'Report the accident to the quality manager on the same day.', 'Quality manager', { detail: 'The quality manager decides whether a RIDDOR report is due and files it.' }),
    ],
    healthAndSafety:
      'Personal safety comes first: never approach a spill of an unknown chemical, broken glass without gloves, or a fall from height while the danger remains. Wear the gloves from the first aid kit when treating a wound. Replace used first aid items the same day.',
    equipment: 'The first aid kit; the accident book; wet floor cones and barriers; the store radio; the CCTV system.',
    glossary: [
      { term: 'CCTV', definition: 'Closed-circuit television: the store’s security cameras.' },
      { term: 'RIDDOR', definition: 'Reporting of Injuries, Diseases and Dangerous Occurrences Regulations: the UK rules for reporting serious workplace accidents.' },
      { term: 'Near miss', definition: 'An event that could have caused an injury but did not.' },
    ],
    tips: 'Offer the injured person a seat and a glass of water while waiting. Avoid saying who was at fault; record the facts only.',
    references: [
      { kind: 'policy', target: 'Health and safety policy' },
      { kind: 'sop', target: 'HH-CMP-001', label: 'Handle a customer complaint' },
    ],
    additionalSections: [],
  },
};
