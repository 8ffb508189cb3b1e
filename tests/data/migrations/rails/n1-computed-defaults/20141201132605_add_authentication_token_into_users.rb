class AddAuthenticationTokenIntoUsers < ActiveRecord::Migration[4.2]
  def change
    # catarse (round P): schema_plus' computed default gives every row its own token
    add_column :users, :authentication_token, :text, null: false,
               default: { expr: "md5(random()::text || clock_timestamp()::text)" }
    add_index :users, :authentication_token, unique: true
    # a lambda default is the database's too
    add_column :users, :public_id, :uuid, null: false, default: -> { "gen_random_uuid()" }
    add_index :users, :public_id, unique: true
    # on a uuid column, Rails writes a string that calls a function unquoted
    # (local-links-manager's content_id, round AS)
    add_column :users, :content_id, :uuid, default: "gen_random_uuid()"
    add_index :users, :content_id, unique: true
    # a constant default is one value for every row the previous release writes
    add_column :users, :locale, :text, null: false, default: "en"
    add_index :users, :locale, unique: true
    add_column :users, :slug, :text, default: "now()"
    add_index :users, :slug, unique: true
  end
end
