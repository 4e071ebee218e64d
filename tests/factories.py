import factory
from factory.django import DjangoModelFactory

from partnerships.models import Membership, Organisation, Partnership, PartnershipMember, User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    kind = Organisation.Kind.LOCAL_CSO
    is_local_actor = True


class InternationalOrganisationFactory(OrganisationFactory):
    country = "DK"
    kind = Organisation.Kind.INTERNATIONAL_CSO
    is_local_actor = False


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.STAFF


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnership {n}")
    status = Partnership.Status.ACTIVE
    local_needs = "Needs identified by the community."


class PartnershipMemberFactory(DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnershipMember.Role.LOCAL_PARTNER
