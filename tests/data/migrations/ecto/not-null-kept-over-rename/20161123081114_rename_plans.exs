defmodule MyApp.Repo.Migrations.RenamePlans do
  use Ecto.Migration

  def up do
    rename table(:subscriptions), :plan_id, to: :connect_plan_id
    rename table(:subscriptions), :coupon_id, to: :connect_coupon_id
    alter table(:subscriptions) do
      modify :connect_plan_id, references(:plans), null: false
      modify :connect_coupon_id, references(:plans), null: false
    end
  end

  def down do
    rename table(:subscriptions), :connect_plan_id, to: :plan_id
    rename table(:subscriptions), :connect_coupon_id, to: :coupon_id
  end
end
