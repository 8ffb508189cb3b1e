class ProductsController < ApplicationController
  SEARCH_FLAG = "product-search-v2".freeze

  def index
    @products =
      if params[:q].blank?
        Product.order(created_at: :desc)
      elsif search_v2?
        Product.search_fulltext(params[:q])
      else
        Product.search_legacy(params[:q])
      end
    @products = @products.page(params[:page]).per(48)
  end

  private

  def search_v2?
    context = OpenFeature::SDK::EvaluationContext.new(
      targeting_key: current_user&.id.to_s,
      email: current_user&.email.to_s
    )
    OpenFeature::SDK.build_client.fetch_boolean_value(
      flag_key: SEARCH_FLAG, default_value: false, evaluation_context: context
    )
  end
end
