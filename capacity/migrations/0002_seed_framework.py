# ruff: noqa: E501
"""Seed the mutual capacity framework (English; translated at display time, see
capacity/framework_texts.py)."""

from django.db import migrations

NAME = 'Mutual organisational capacity framework'
DESCRIPTION = 'Ten institutional domains every member organisation assesses, itself and its partners, plus how an international organisation behaves as a partner.'
LEVELS = [(1,
  'Nascent',
  'Little or nothing is in place yet; the organisation depends on others for this.'),
 (2, 'Emerging', 'Some practices exist but are informal, patchy or depend on a few people.'),
 (3, 'Established', 'Practices are written down, known by staff and mostly followed.'),
 (4,
  'Mature',
  'Practices are embedded, reviewed regularly and the organisation can support others.')]
DOMAINS = [('governance',
  'Governance and leadership',
  'all',
  ['The board or governing body meets regularly and oversees strategy and finances.',
   'Leadership is shared and decisions are documented and explained to staff.',
   'The organisation has a current strategy that staff and partners know.']),
 ('finance',
  'Financial management',
  'all',
  ['Budgets, accounts and reports are produced on time and reconcile.',
   'Internal controls separate duties for approving, paying and recording.',
   'The organisation is audited regularly and acts on the findings.']),
 ('people',
  'People and well-being',
  'all',
  ['Staff have clear roles, fair contracts and regular supervision.',
   'Staff well-being and workload are discussed and acted upon.',
   'Staff have time and budget for their own learning.']),
 ('programme',
  'Programme quality',
  'all',
  ['Programmes are designed with the people they serve.',
   'Activities are adapted when the context changes.',
   "Technical standards in the organisation's field are known and applied."]),
 ('meal',
  'Monitoring, evaluation, accountability and learning (MEAL)',
  'all',
  ['Results are tracked against agreed indicators with reliable data.',
   'Findings are discussed and used to change what the organisation does.',
   'Target groups can see and discuss the results.']),
 ('safeguarding',
  'Safeguarding and PSEA',
  'all',
  ['A safeguarding and PSEA policy exists and every staff member has been trained on it.',
   'People can report concerns safely, and reports are handled confidentially.',
   'Partners and suppliers are held to the same safeguarding standards.']),
 ('advocacy',
  'Advocacy and networks',
  'all',
  ['The organisation takes part in networks and coordination fora.',
   'It influences decision makers with evidence from its work.',
   'It speaks for itself in public and in front of donors.']),
 ('resources',
  'Resource mobilisation',
  'all',
  ['Income comes from several sources; no single donor dominates.',
   'The organisation writes its own proposals and keeps donor relations.',
   'It holds reserves to survive a gap in funding.']),
 ('digital',
  'Digital and data security',
  'all',
  ['Personal and sensitive data are protected and kept only as long as needed.',
   'Devices and accounts are secured, backed up and kept up to date.',
   'Staff know how to work safely online.']),
 ('partnership',
  'Partnership practice',
  'all',
  ['The organisation shares information with partners openly and on time.',
   'It gives and takes feedback and acts on it.',
   'It honours what was agreed in the partnership.']),
 ('as_partner',
  'As a partner to local organisations',
  'international',
  ['Pays partners on time, as agreed.',
   'Shares overhead and indirect costs fairly with partners.',
   "Respects decisions that are the local partner's to make.",
   'Knows the local context and listens to those who know it better.'])]


def seed(apps, schema_editor):
    Framework = apps.get_model("capacity", "Framework")
    Level = apps.get_model("capacity", "Level")
    Domain = apps.get_model("capacity", "Domain")
    Item = apps.get_model("capacity", "Item")
    framework = Framework.objects.create(name=NAME, description=DESCRIPTION)
    Level.objects.bulk_create(
        Level(framework=framework, value=value, name=name, descriptor=descriptor)
        for value, name, descriptor in LEVELS
    )
    for order, (code, name, applies_to, items) in enumerate(DOMAINS):
        domain = Domain.objects.create(framework=framework, code=code, name=name,
                                       applies_to=applies_to, order=order)
        Item.objects.bulk_create(
            Item(domain=domain, text=text, order=n) for n, text in enumerate(items)
        )


def unseed(apps, schema_editor):
    apps.get_model("capacity", "Framework").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("capacity", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
