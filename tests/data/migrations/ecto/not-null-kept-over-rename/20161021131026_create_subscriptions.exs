defmodule MyApp.Repo.Migrations.CreateSubscriptions do
  use Ecto.Migration

  def change do
    create table(:plans) do
      add :name, :string
    end

    create table(:subscriptions) do
      add :plan_id, references(:plans), null: false
      add :coupon_id, references(:plans)
    end
  end
end
