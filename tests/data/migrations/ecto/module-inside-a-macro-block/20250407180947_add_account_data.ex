require Mailer

Mailer.if_hosted do
  defmodule MailerHosted.Migrations.AddAccountData do
    use Ecto.Migration

    def change do
      alter table("accounts") do
        add(:review_data, :jsonb)
      end

      create(constraint("accounts", :plan_known, check: "plan IN ('free', 'paid')"))
    end
  end
end
