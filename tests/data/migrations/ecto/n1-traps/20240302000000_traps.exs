defmodule MyApp.Repo.Migrations.Traps do
  use Ecto.Migration

  def up do
    create table(:invoices) do
      add :number, :string, null: false
    end

    create unique_index(:invoices, [:number])
    rename table(:invoices), :number, to: :ref

    alter table(:orders) do
      add :currency, :string, null: false, default: "EUR"
      add :invoice_id, references(:invoices)
      modify :note, :text, from: :string
    end

    drop constraint(:orders, "orders_customer_id_fkey")

    alter table(:orders) do
      modify :customer_id, references(:customers, on_delete: :delete_all)
    end

    create index(:orders, [:created_at], concurrently: true)

    alter table(:rules) do
      add :token, :uuid, null: false, default: fragment("gen_random_uuid()")
      add :key, :uuid, default: fragment("gen_random_uuid()")
    end

    create unique_index(:rules, [:token])
    create unique_index(:rules, [:key])

    alter table(:users) do
      add :newsletter_subscription_token, :string,
        null: false,
        default: fragment("md5(random()::text)")
    end

    create unique_index(:users, :newsletter_subscription_token)
    drop unique_index(:orders, [:email])
    create unique_index(:orders, [:email])

    alter table(:connections) do
      add :seat_policy, :text
    end

    create constraint(:connections, :seat_policy_check,
             check: "seat_policy IS NULL OR seat_policy IN ('block', 'expand')"
           )

    create unique_index(:packages, [:repository_id, "name text_pattern_ops"])
    drop_if_exists(unique_index(:packages, [:repository_id, :name]))

    alter table(:members) do
      add :handle, :citext
    end

    create unique_index(:members, ["lower(handle)"])
  end

  def down do
    rename table(:orders), :comment, to: :note
    drop table(:invoices)
  end
end
